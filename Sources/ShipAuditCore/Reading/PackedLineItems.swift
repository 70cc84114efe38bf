import Foundation

/// The items of an order packed in one cell, as WooCommerce's Customer/Order CSV Export writes its `line_items`
/// column in its "Default" format: items joined by `;`, each item's `key:value` pairs joined by `|`, with `\:`, `\|`
/// and `\;` escaping those characters in keys and values
/// (`id:12|name:Steel Widget|product_id:7|sku:WDG-1|quantity:2|subtotal:39.98|…;id:13|…`). The plugin's JSON items
/// format (`[{"name":"Steel Widget","sku":"WDG-1","quantity":2,"subtotal":"39.98",…}]`) is read too.
struct PackedLineItems {
    /// One item: the texts of the keys shipaudit reads.
    struct Item: Equatable {
        var name = ""
        var sku = ""
        var quantity = ""
        /// The line's price before discounts, all units together.
        var subtotal = ""
    }

    /// Why a cell could not be read.
    struct Unreadable: Error, Equatable {
        let reason: String
    }

    /// The items of `cell`; an empty cell has none.
    static func items(_ cell: String) -> Result<[Item], Unreadable> {
        let text = cell.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return .success([]) }
        if text.hasPrefix("[") { return json(text) }
        var items: [Item] = []
        for packed in split(text, at: ";") where !packed.allSatisfy(\.isWhitespace) {
            var item = Item()
            var keys = 0
            for pair in split(packed, at: "|") {
                let parts = split(pair, at: ":", limit: 2)
                guard parts.count == 2 else { continue }
                keys += 1
                let value = unescaped(parts[1]).trimmingCharacters(in: .whitespaces)
                switch unescaped(parts[0]).trimmingCharacters(in: .whitespaces).lowercased() {
                case "name": item.name = value
                case "sku": item.sku = value
                case "quantity", "qty": item.quantity = value
                case "subtotal": item.subtotal = value
                default: break
                }
            }
            guard keys > 0 else {
                return .failure(Unreadable(reason: "has an item with no key:value pair (\(excerpt(packed)))"))
            }
            items.append(item)
        }
        return .success(items)
    }

    private static func json(_ text: String) -> Result<[Item], Unreadable> {
        guard let array = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any] else {
            return .failure(Unreadable(reason: "is not a JSON list of items"))
        }
        var items: [Item] = []
        for case let object as [String: Any] in array {
            func string(_ key: String) -> String {
                switch object[key] {
                case let text as String: text.replacingOccurrences(of: "&quot;", with: "\"")
                case let number as NSNumber: number.stringValue
                default: ""
                }
            }
            items.append(
                Item(
                    name: string("name"), sku: string("sku"), quantity: string("quantity"), subtotal: string("subtotal")
                ))
        }
        return .success(items)
    }

    /// `text` cut at each `separator` not escaped by a backslash (escapes kept), at most `limit` parts.
    private static func split(_ text: some StringProtocol, at separator: Character, limit: Int = .max) -> [Substring] {
        let text = Substring(text)
        var parts: [Substring] = []
        var start = text.startIndex
        var escaped = false
        for index in text.indices {
            let character = text[index]
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == separator, parts.count < limit - 1 {
                parts.append(text[start..<index])
                start = text.index(after: index)
            }
        }
        parts.append(text[start...])
        return parts
    }

    /// `text` with `\:`, `\|`, `\;` (and `\\`) read as the character escaped.
    private static func unescaped(_ text: Substring) -> String {
        guard text.contains("\\") else { return String(text) }
        var out = ""
        var escaped = false
        for character in text {
            if !escaped, character == "\\" {
                escaped = true
                continue
            }
            if escaped, !":|;\\".contains(character) { out.append("\\") }
            escaped = false
            out.append(character)
        }
        if escaped { out.append("\\") }
        return out
    }

    private static func excerpt(_ text: Substring) -> String { text.count > 40 ? text.prefix(40) + "…" : String(text) }
}
