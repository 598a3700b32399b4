// A trivial Swift program: what any Swift command costs to start on this machine.
print("ok")
