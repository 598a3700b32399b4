import ArgumentParser
import CommandLineSupport
import Procurement
import RegistryDomain
import RegistryJSON
import RegistryStorage

extension GenAIRegistryCommand {
    /// `new TOOL --vendor V`: scaffolds a record with every field present.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Create tools/TOOL.json with every field present (null = not known), ready to fill in.",
            discussion: """
                Never overwrites: an existing record is refused. The file is written in the canonical layout; \
                `genai-registry lint` then reports exactly the fields still to fill in (name, categories, \
                evidence). Fields left null mean "not known" and keep the verdict undetermined; \
                `genai-registry review` names them. Record the review with `review done` once it is filled in.

                Exit: 0 created, 64 usage error (bad id, record exists), 74 I/O error.
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The new tool's id: lowercase letters, digits and single hyphens, e.g. acme-video-enterprise.")
        var tool: String

        @Option(help: "The vendor's id (a file vendors/VENDOR.json should exist).")
        var vendor: String

        @Option(help: "The tool's name as people call it (otherwise left empty for you to fill in).")
        var name: String?

        func validate() throws {
            if !Identifier.isValid(tool) {
                throw ValidationError(
                    "\"\(tool)\" is not a valid tool id: use 1–64 lowercase letters, digits and single hyphens, e.g. \"\(Identifier.slug(tool).isEmpty ? "acme-video" : Identifier.slug(tool))\""
                )
            }
            if !Identifier.isValid(vendor) {
                throw ValidationError("\"\(vendor)\" is not a valid vendor id (lowercase letters, digits and single hyphens)")
            }
            if let name, name.allSatisfy(\.isWhitespace) || name.count > 200 || name.contains(where: \.isNewline) {
                throw ValidationError("--name must be one line of 1–200 characters")
            }
        }

        func run() throws {
            let store = try options.store()
            let path = store.toolPath(tool)
            let file = store.displayPath(path)
            if FileIO.isFile(path) || FileIO.isDirectory(path) {
                Console.error("\(file) already exists; edit it (or `genai-registry show \(tool)`), or choose another id — nothing was written")
                throw ExitCode(ExitStatus.usage)
            }
            let text = ToolScaffold.text(id: tool, vendor: vendor, name: name)
            do {
                try FileIO.makeDirectory(store.toolsDirectory)
                try FileIO.writeAtomically(Array(text.utf8), to: path)
            } catch {
                Console.error(error.description)
                throw ExitCode(ExitStatus.ioError)
            }
            let open = ToolScaffold.openIssues(text, id: tool, file: file)
            let nulls = ToolScaffold.nullPaths(text)
            let vendorMissing = !FileIO.isFile(store.vendorPath(vendor))
            if options.format == .json {
                Console.json(
                    .object([
                        JSONMember("tool", .string(tool)),
                        JSONMember("file", .string(file)),
                        JSONMember("toFill", .array(open.map(\.json))),
                        JSONMember("notKnown", .array(nulls.map(JSONValue.string))),
                        JSONMember("vendorMissing", .bool(vendorMissing)),
                    ]))
                return
            }
            Console.out("Created \(Console.styled(file, .bold)).")
            Console.out("Fill in (lint reports these until you do):")
            for issue in open { Console.out("  \(issue.path)  \(issue.message)") }
            Console.out("\(nulls.count) fields are null (\"not known\"): fill in each one the vendor's terms state, with evidence;")
            Console.out("the rest keep the verdict undetermined, and `genai-registry review` lists them.")
            if vendorMissing {
                Console.out(Console.styled("vendors/\(vendor).json does not exist yet: add it, or lint reports a dangling vendor.", .yellow))
            }
            Console.out("Then: `genai-registry lint`, and `genai-registry review done \(tool) --by NAME` once reviewed.")
        }
    }
}
