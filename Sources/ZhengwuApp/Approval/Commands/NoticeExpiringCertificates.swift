import Fluent
import Foundation
import SQLKit
import Vapor
import ZhengwuCore

/// Tells holders 30 days before a certificate expires, so they can ask for renewal in time
/// (行政许可法 art. 50). Each certificate is noticed once; the row is locked and marked in the
/// message's transaction, so two instances never both send it.
enum NoticeExpiringCertificates {
    static func run(services: ZhengwuServices, app: Vapor.Application) async throws -> Int {
        let now = services.clock.now()
        let today = LocalDate(now, in: WorkingCalendar.default.timeZone)
        let horizon = today.adding(days: CertificateTerm.noticeDays).iso
        let due = try await Certificate.query(on: app.db).filter(\.$expiryNoticed == false).filter(\.$status == .valid)
            .filter(\.$validUntil != nil).filter(\.$validUntil <= horizon).limit(500).all()
        var sent = 0
        for candidate in due {
            let id = try candidate.requireID()
            let done = try await app.write { db -> Bool in
                try await CaseLock.serialise("certificate-expiry:\(id)", on: db)
                guard let certificate = try await Certificate.find(id, on: db), !certificate.expiryNoticed,
                      certificate.term.expiryNoticeDue(today: today),
                      let record = try await ServiceCase.find(certificate.applicationID, on: db) else { return false }
                certificate.expiryNoticed = true
                try await certificate.save(on: db)
                let message = Notification()
                message.accountID = certificate.holderAccountID
                message.applicationID = certificate.applicationID
                message.receiptNumber = record.receiptNumber ?? ""
                message.message = services.localizer.text("sms.certificate_expiring", [
                    "type": certificate.certificateType, "number": certificate.number, "date": certificate.validUntil ?? "",
                ], language: "zh-Hans")
                message.phoneSealed = record.applicantPhoneSealed
                message.delivery = record.applicantPhoneSealed.isEmpty ? .none : .pending
                message.attempts = 0
                message.nextAttemptAt = now
                message.createdAt = now
                try await message.insertRow(on: db as! SQLDatabase)
                return true
            }
            if done { sent += 1 }
        }
        return sent
    }
}
