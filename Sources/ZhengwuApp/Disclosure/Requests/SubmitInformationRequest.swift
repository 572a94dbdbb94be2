import Fluent
import Foundation
import ZhengwuCore

/// Records a new request: online by a signed-in citizen or firm (received that day, art. 31),
/// or typed in by staff from a paper request handed in or posted (received the day given).
enum SubmitInformationRequest {
    struct Input: Sendable {
        let organ: Department
        let applicantType: ApplicantType
        let name: String
        let identityNumber: String
        let phone: String
        let address: String
        let description: String
        let format: InformationRequest.Format
        let channel: InformationRequest.Channel
        let receivedOn: LocalDate
        let accountID: UUID?
        let recordedBy: UUID?
    }

    static func run(_ input: Input, by actor: RequestActor, services: ZhengwuServices, auditActor: AuditActor, now: Date,
                    on db: Database) async throws -> InformationRequest {
        let calendar = try await services.calendars.calendar(on: db, now: now)
        let request = InformationRequest()
        let serial = try await RequestSerials.next("request", organCode: input.organ.code, year: input.receivedOn.year, on: db)
        request.number = "\(input.organ.code)-\(input.receivedOn.year)-" + RequestSerials.padded(serial)
        request.organID = try input.organ.requireID()
        request.organCode = input.organ.code
        request.regionCode = input.organ.regionCode
        request.applicantAccountID = input.accountID
        request.applicantType = input.applicantType
        request.applicantName = input.name
        let vault = services.vault
        request.applicantIDSealed = input.identityNumber.isEmpty ? "" : vault.seal(input.identityNumber)
        request.applicantPhoneSealed = input.phone.isEmpty ? "" : vault.seal(input.phone)
        request.applicantAddressSealed = input.address.isEmpty ? "" : vault.seal(input.address)
        request.description = input.description
        request.format = input.format
        request.channel = input.channel
        request.receivedOn = input.receivedOn.iso
        request.status = .open
        request.pendingExtensionReason = ""
        request.correctionText = ""
        request.recordedBy = input.recordedBy
        request.createdAt = now
        request.updatedAt = now
        try request.store(DisclosureClock(receivedOn: input.receivedOn), calendar: calendar,
                          today: LocalDate(now, in: calendar.timeZone))
        try await request.create(on: db)
        try await RequestJournal(services: services).record("received", on: request, by: actor, shown: true,
                                                            auditActor: auditActor, now: now, on: db)
        return request
    }
}
