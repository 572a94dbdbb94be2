extension QRCode {
    /// The symbol as a standalone SVG document, sized `moduleSize` pixels per module.
    ///
    /// Colours are `fill` attributes because the portal's Content-Security-Policy forbids
    /// inline styles. The drawing is in module units, and each horizontal run of dark modules
    /// is one rectangle in a single path, which keeps a typical enrolment code under ten
    /// kilobytes. `title` names the image for screen readers; the id it is referenced by is
    /// fixed, so a page should show one code at a time.
    public func svg(moduleSize: Int = 4, quietZone: Int = 4, title: String) -> String {
        precondition(moduleSize > 0, "modules must be at least one pixel wide")
        precondition(quietZone >= 0, "the quiet zone cannot be negative")
        let extent = size + 2 * quietZone
        let pixels = extent * moduleSize

        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else {
                    x += 1
                    continue
                }
                let start = x
                while isDark(x: x, y: y) {
                    x += 1
                }
                let width = x - start
                path += "M\(start + quietZone) \(y + quietZone)h\(width)v1h-\(width)z"
            }
        }

        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(pixels)" height="\(pixels)" \
            viewBox="0 0 \(extent) \(extent)" shape-rendering="crispEdges" role="img" \
            aria-labelledby="qrcode-title"><title id="qrcode-title">\(XMLText.escape(title))</title>\
            <rect width="\(extent)" height="\(extent)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
            """
    }
}
