import Foundation

/// SOS: a text message with her code word to every emergency contact.
///
/// A code word is what she agreed with that person ("bring the blue bag" meaning "call the
/// police now"), so the message body is the code word alone, with nothing that names Haven or
/// says "SOS": if someone reads the phone's Messages afterwards, it looks ordinary. Each contact
/// gets a separate message (never a group message: recipients would see each other, and each
/// may have their own code word). The app only prepares the messages; the system's message
/// screen sends each one only when she presses Send.
public struct SosContact: Equatable, Sendable {
    public var name: String
    public var phone: String
    public var codeWord: String?
    public var isEmergency: Bool

    public init(name: String, phone: String, codeWord: String?, isEmergency: Bool) {
        self.name = name
        self.phone = phone
        self.codeWord = codeWord
        self.isEmergency = isEmergency
    }
}

/// One prepared message, for one recipient.
public struct SosMessage: Equatable, Sendable {
    public var recipientName: String
    public var phone: String
    public var body: String
}

/// What pressing SOS would send, shown to her before anything is composed.
public struct SosPlan: Equatable, Sendable {
    /// One message per emergency contact with a code word, in her contacts' order.
    public var messages: [SosMessage]
    /// Emergency contacts left out because they have no code word (she should know).
    public var skippedNames: [String]

    /// Composes the plan from her contacts (in the order she keeps them).
    public init(contacts: [SosContact]) {
        var messages: [SosMessage] = []
        var skipped: [String] = []
        var phonesSeen = Set<String>()
        for contact in contacts where contact.isEmergency {
            let codeWord = contact.codeWord?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard !codeWord.isEmpty else {
                skipped.append(contact.name)
                continue
            }
            // The same number twice (two entries for one person) gets one message.
            guard phonesSeen.insert(contact.phone).inserted else { continue }
            messages.append(SosMessage(recipientName: contact.name, phone: contact.phone, body: codeWord))
        }
        self.messages = messages
        self.skippedNames = skipped
    }

    /// The note about contacts left out, or `nil` when none was.
    public func skippedNote(in language: Language) -> String? {
        guard !skippedNames.isEmpty else { return nil }
        return Strings.text(.sosSkipped, in: language, skippedNames.joined(separator: ", "))
    }
}

/// Walks through the prepared messages one system message screen at a time. Cancelling one
/// screen moves on to the next: she may want to reach some people and not others.
public struct SosFlow: Equatable, Sendable {
    public let plan: SosPlan
    public private(set) var index = 0

    public init(plan: SosPlan) {
        self.plan = plan
    }

    /// The message to compose now, or `nil` when every message has been offered.
    public var current: SosMessage? {
        index < plan.messages.count ? plan.messages[index] : nil
    }

    /// "Message 2 of 3".
    public func progress(in language: Language) -> String {
        Strings.text(.sosProgress, in: language, min(index + 1, plan.messages.count), plan.messages.count)
    }

    /// The system screen for the current message closed (sent, cancelled or failed).
    public mutating func advance() {
        if index < plan.messages.count { index += 1 }
    }
}
