import Foundation

/// 并单: on intake, the open tickets that may be the same matter, best first. A candidate has
/// the same category, text that shares enough of its character pairs (the same pairs the search
/// index uses, so wording and word order may differ), and, when both have coordinates, lies
/// within `radiusMetres`. The operator decides; this only suggests.
public struct DuplicateCandidates: Sendable {
    public struct Ticket: Sendable, Equatable {
        public let id: String
        public let category: String
        public let text: String
        public let latitude: Double?
        public let longitude: Double?

        public init(id: String, category: String, text: String, latitude: Double? = nil, longitude: Double? = nil) {
            self.id = id
            self.category = category
            self.text = text
            self.latitude = latitude
            self.longitude = longitude
        }
    }

    public struct Match: Sendable, Equatable {
        public let id: String
        /// Shared pairs over the pairs of the shorter text, 0…1.
        public let similarity: Double
        /// Metres apart, when both have coordinates.
        public let distance: Double?
    }

    public var minimumSimilarity: Double
    public var radiusMetres: Double

    public init(minimumSimilarity: Double = 0.5, radiusMetres: Double = 500) {
        self.minimumSimilarity = minimumSimilarity
        self.radiusMetres = radiusMetres
    }

    public func matches(for ticket: Ticket, among open: [Ticket]) -> [Match] {
        let pairs = Self.pairs(ticket.text)
        guard !pairs.isEmpty else { return [] }
        var found: [Match] = []
        for other in open where other.id != ticket.id && other.category == ticket.category {
            let otherPairs = Self.pairs(other.text)
            guard !otherPairs.isEmpty else { continue }
            // Over the shorter text: a short call note repeating part of a long letter still matches.
            let similarity = Double(pairs.intersection(otherPairs).count) / Double(min(pairs.count, otherPairs.count))
            guard similarity >= minimumSimilarity else { continue }
            var distance: Double?
            if let lat1 = ticket.latitude, let lon1 = ticket.longitude, let lat2 = other.latitude, let lon2 = other.longitude {
                let metres = Self.metres(lat1, lon1, lat2, lon2)
                guard metres <= radiusMetres else { continue }
                distance = metres
            }
            found.append(Match(id: other.id, similarity: similarity, distance: distance))
        }
        return found.sorted { ($0.similarity, -($0.distance ?? 0)) > ($1.similarity, -($1.distance ?? 0)) }
    }

    /// The text's distinct character pairs (and whole Latin words and numbers), folded.
    static func pairs(_ text: String) -> Set<Substring> {
        Set(SearchTokens(text: text).bigrams.split(separator: " "))
    }

    /// Great-circle distance (haversine) on a sphere of the Earth's mean radius.
    static func metres(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let radians = Double.pi / 180
        let dLat = (lat2 - lat1) * radians, dLon = (lon2 - lon1) * radians
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * radians) * cos(lat2 * radians) * sin(dLon / 2) * sin(dLon / 2)
        return 6_371_008.8 * 2 * atan2(a.squareRoot(), (1 - a).squareRoot())
    }
}
