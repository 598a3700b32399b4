#ifndef CREGISTRYSYSTEM_H
#define CREGISTRYSYSTEM_H
/* Linux calls Swift's Glibc module does not expose (they need _GNU_SOURCE). */

/* Flushes the whole filesystem holding fd: one sync for a batch of files instead of one fsync each. */
int cregistry_syncfs(int fd);

#endif
