import Fluent
import Vapor

/// Serves an uploaded material to someone already allowed to see the case. Always as a
/// download with the sniffed type, so a browser never renders uploaded content inside the site.
enum MaterialDownload {
    static func response(caseID: UUID, on req: Request) async throws -> Response {
        guard let materialID = req.parameters.get("material", as: UUID.self),
              let material = try await CaseMaterial.query(on: req.db).filter(\.$id == materialID)
                .filter(\.$applicationID == caseID).first(),
              let fileID = material.fileID, let file = try await StoredFile.find(fileID, on: req.db) else {
            throw Abort(.notFound)
        }
        let response = Response(status: .ok, body: .init(data: file.bytes))
        response.headers.replaceOrAdd(name: .contentType, value: file.contentType)
        response.headers.replaceOrAdd(name: .contentDisposition, value: ContentDispositionText.attachment(named: material.displayName))
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        response.headers.replaceOrAdd(name: "Digest", value: "sha-256=\(Data(hex: file.sha256).base64EncodedString())")
        return response
    }
}

/// The Content-Disposition of a download: an ASCII fallback name and the real one, encoded.
enum ContentDispositionText {
    /// RFC 8187: outside plain ASCII letters and digits everything is percent-encoded, so a
    /// Chinese name survives and nothing in a name can break out of the header.
    static func attachment(named name: String) -> String {
        var asciiSafe = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        asciiSafe.insert(charactersIn: ".-_")
        let encoded = name.addingPercentEncoding(withAllowedCharacters: asciiSafe) ?? "file"
        let fallback = "file." + (name.split(separator: ".").last.map(String.init) ?? "bin")
            .filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        return "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(encoded)"
    }
}

extension Data {
    init(hex: String) {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex),
              let byte = UInt8(hex[index..<next], radix: 16) {
            bytes.append(byte)
            index = next
        }
        self.init(bytes)
    }
}
