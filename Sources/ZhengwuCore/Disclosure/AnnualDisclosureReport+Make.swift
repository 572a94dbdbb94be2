/// Building the report from the platform's records and the figures staff enter.
extension AnnualDisclosureReport {
    /// A request for government information as the report needs it.
    public struct RequestFact: Codable, Sendable, Equatable {
        public var applicantType: ApplicantType
        public var receivedOn: LocalDate
        /// A request is closed when it has both a day and an outcome; one without the other is
        /// counted as still open, so that every request lands in exactly one row of 三 or in 四.
        public var closedOn: LocalDate?
        public var outcome: DisclosureOutcome?

        public init(applicantType: ApplicantType, receivedOn: LocalDate, closedOn: LocalDate? = nil, outcome: DisclosureOutcome? = nil) {
            self.applicantType = applicantType
            self.receivedOn = receivedOn
            self.closedOn = closedOn
            self.outcome = outcome
        }

        /// The day and outcome of closing; a closing day recorded before receipt is read as the
        /// day of receipt, so a mistyped date cannot drop the request out of the balance.
        var closing: (day: LocalDate, outcome: DisclosureOutcome)? {
            guard let closedOn, let outcome else { return nil }
            return (max(closedOn, receivedOn), outcome)
        }
    }

    /// A rule (规章) or normative document (行政规范性文件) published by the organ.
    public struct DocumentFact: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable, CaseIterable {
            case rule, normative
        }

        public var kind: Kind
        /// The day it was published.
        public var madeOn: LocalDate
        /// The day it became 失效 or was 废止; nil while in force.
        public var abolishedOn: LocalDate?

        public init(kind: Kind, madeOn: LocalDate, abolishedOn: LocalDate? = nil) {
            self.kind = kind
            self.madeOn = madeOn
            self.abolishedOn = abolishedOn
        }
    }

    /// The figures the platform does not hold: staff take them from other systems and files.
    public struct EnteredFigures: Codable, Sendable, Equatable {
        /// 行政处罚 本年处理决定数量
        public var penaltyDecisions: Int
        /// 行政强制 本年处理决定数量
        public var enforcementDecisions: Int
        /// 行政事业性收费, in whole 元 (see `ProactiveDisclosure.feeYuan`).
        public var feeYuan: Int
        public var reconsideration: ReviewResults
        public var litigationDirect: ReviewResults
        public var litigationAfterReconsideration: ReviewResults

        public init(penaltyDecisions: Int = 0, enforcementDecisions: Int = 0, feeYuan: Int = 0,
                    reconsideration: ReviewResults = ReviewResults(), litigationDirect: ReviewResults = ReviewResults(),
                    litigationAfterReconsideration: ReviewResults = ReviewResults()) {
            self.penaltyDecisions = penaltyDecisions
            self.enforcementDecisions = enforcementDecisions
            self.feeYuan = feeYuan
            self.reconsideration = reconsideration
            self.litigationDirect = litigationDirect
            self.litigationAfterReconsideration = litigationAfterReconsideration
        }
    }

    /// The report of `year`. Requests received after the year are left out; every other request
    /// still open on 1 January or received during the year ends up either closed in the year
    /// (三) or carried forward (四), which is why the result always passes `checks()`.
    public static func make(year: Int, organCode: String?, organName: String?, requests: [RequestFact],
                            documents: [DocumentFact], permitDecisions: Int, entered: EnteredFigures) -> AnnualDisclosureReport {
        var section2 = ProactiveDisclosure()
        for document in documents {
            var counts = document.kind == .rule ? section2.rules : section2.normativeDocuments
            if document.madeOn.year == year { counts.made += 1 }
            if let abolished = document.abolishedOn, abolished.year == year { counts.abolished += 1 }
            if document.madeOn.year <= year, (document.abolishedOn?.year ?? Int.max) > year { counts.inForce += 1 }
            if document.kind == .rule { section2.rules = counts } else { section2.normativeDocuments = counts }
        }
        section2.permitDecisions = permitDecisions
        section2.penaltyDecisions = entered.penaltyDecisions
        section2.enforcementDecisions = entered.enforcementDecisions
        section2.feeYuan = entered.feeYuan

        var section3 = RequestTable()
        for outcome in DisclosureOutcome.allCases { section3.outcomes[outcome] = Counts() }
        for request in requests where request.receivedOn.year <= year {
            let closing = request.closing
            if request.receivedOn.year == year {
                section3.newlyReceived.count(request.applicantType)
            } else if (closing?.day.year ?? Int.max) >= year {
                section3.carriedOver.count(request.applicantType)
            }
            if let closing, closing.day.year == year {
                section3.outcomes[closing.outcome, default: Counts()].count(request.applicantType)
                section3.resultsTotal.count(request.applicantType)
            } else if (closing?.day.year ?? Int.max) > year {
                section3.carriedForward.count(request.applicantType)
            }
        }

        var section4 = ReviewAndLitigation()
        section4.reconsideration = ReviewFigures(entered.reconsideration)
        section4.litigationDirect = ReviewFigures(entered.litigationDirect)
        section4.litigationAfterReconsideration = ReviewFigures(entered.litigationAfterReconsideration)

        return AnnualDisclosureReport(year: year, organCode: organCode, organName: organName,
                                      section2: section2, section3: section3, section4: section4)
    }
}
