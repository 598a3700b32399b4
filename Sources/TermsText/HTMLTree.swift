import CLibXML2

/// A parsed HTML page as a flat tree in document order: libxml2's HTML parser (which recovers from the
/// broken markup real pages serve, decodes entities and honours the page's encoding) builds it, and it is
/// copied out once so selectors and the text walk run over plain Swift values, with no C memory to free.
struct HTMLTree: Sendable {
    struct Node: Sendable {
        /// The lowercased element name; nil for a text node.
        var name: String?
        /// A text node's text; empty for an element.
        var text: String
        var attributes: [(name: String, value: String)]
        /// The parent's index; -1 for the root.
        var parent: Int
        var children: [Int]

        func attribute(_ name: String) -> String? {
            for a in attributes where a.name == name { return a.value }
            return nil
        }

        var isElement: Bool { name != nil }
    }

    /// Node 0 is the document itself (named `#document`); every other node follows its parent.
    private(set) var nodes: [Node]

    static let rootIndex = 0

    /// Parses `body`; `encoding` is the one the server named, else libxml2 reads the page's own `<meta charset>`.
    static func parse(_ body: [UInt8], encoding: String?) -> HTMLTree {
        LibXML2.initialiseOnce()
        var tree = HTMLTree(nodes: [Node(name: "#document", text: "", attributes: [], parent: -1, children: [])])
        guard !body.isEmpty, body.count < Int(Int32.max) else { return tree }
        // XML_PARSE_HUGE lifts the nesting limit (256), past which libxml2 stops reading: script-built pages
        // nest deeper. The body is already bounded by the transfer's size limit.
        // An encoding given (the HTTP header's, or UTF-8 for bytes already decoded) is final: a <meta charset>
        // inside must not make libxml2 decode them a second time.
        let ignoreDeclared = encoding == nil ? 0 : Int32(XML_PARSE_IGNORE_ENC.rawValue)
        let options =
            Int32(
                HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                    | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue) | Int32(XML_PARSE_HUGE.rawValue) | ignoreDeclared
        let parsed: htmlDocPtr? = body.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                chars.baseAddress.flatMap { htmlReadMemory($0, Int32(chars.count), nil, encoding, options) }
            }
        }
        guard let document = parsed else { return tree }
        defer { xmlFreeDoc(document) }
        tree.copy(from: document.pointee.children)
        return tree
    }

    /// Copies libxml2's nodes below the root, depth first without recursion (pages nest deeply).
    private mutating func copy(from first: xmlNodePtr?) {
        var stack: [(node: xmlNodePtr, parent: Int)] = []
        func pushChildren(_ first: xmlNodePtr?, parent: Int) {
            var siblings: [xmlNodePtr] = []
            var child = first
            while let c = child {
                siblings.append(c)
                child = c.pointee.next
            }
            for c in siblings.reversed() { stack.append((c, parent)) }
        }
        pushChildren(first, parent: Self.rootIndex)
        while let (node, parent) = stack.popLast() {
            let type = node.pointee.type
            if type == XML_ELEMENT_NODE {
                let name = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
                var attributes: [(name: String, value: String)] = []
                var attribute = node.pointee.properties
                while let a = attribute {
                    let key = a.pointee.name.map { String(cString: $0).lowercased() } ?? ""
                    var value = ""
                    var part = a.pointee.children
                    while let p = part {
                        if let content = p.pointee.content { value += String(cString: content) }
                        part = p.pointee.next
                    }
                    attributes.append((key, value))
                    attribute = a.pointee.next
                }
                let index = append(Node(name: name, text: "", attributes: attributes, parent: parent, children: []))
                // Script and style bodies are never read; only that the element is there matters.
                if name != "script" && name != "style" { pushChildren(node.pointee.children, parent: index) }
            } else if type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE {
                let text = node.pointee.content.map { String(cString: $0) } ?? ""
                if !text.isEmpty { append(Node(name: nil, text: text, attributes: [], parent: parent, children: [])) }
            }
            // Comments, processing instructions and the doctype hold nothing a reader sees.
        }
    }

    @discardableResult
    private mutating func append(_ node: Node) -> Int {
        let index = nodes.count
        nodes.append(node)
        nodes[node.parent].children.append(index)
        return index
    }

    subscript(_ index: Int) -> Node { nodes[index] }

    /// The element children of `index`, in order.
    func elementChildren(of index: Int) -> [Int] { nodes[index].children.filter { nodes[$0].isElement } }

    /// The nearest element ancestor of `index` (not the document), if any.
    func parentElement(of index: Int) -> Int? {
        let p = nodes[index].parent
        return p > Self.rootIndex ? p : nil
    }

    /// Every element in document order.
    var elements: [Int] { nodes.indices.filter { $0 != Self.rootIndex && nodes[$0].isElement } }

    /// Whether `ancestor` contains `index`.
    func isAncestor(_ ancestor: Int, of index: Int) -> Bool {
        var p = nodes[index].parent
        while p >= 0 {
            if p == ancestor { return true }
            p = nodes[p].parent
        }
        return false
    }
}

/// libxml2's process-wide set-up, which must run once before threads parse at the same time.
enum LibXML2 {
    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    static func initialiseOnce() { _ = initialised }
}
