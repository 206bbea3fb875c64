import Foundation

/// What the first-run screen collects.
public struct SetupForm: Equatable, Sendable {
    /// What the duress PIN does. Mirrors the core's choice; "nothing here" is the default
    /// because the disguise's best story is that there is no vault at all.
    public enum DuressChoice: Equatable, Sendable, CaseIterable {
        case nothingHere
        case openDecoy
    }

    public enum Field: Hashable, Sendable {
        case pin, pinConfirmation, duressPin, duressConfirmation, wipeAfter, acknowledgement
        case restoreFile, restorePassphrase
    }

    public var language: Language
    public var pin = ""
    public var pinConfirmation = ""
    public var duressEnabled = false
    public var duressPin = ""
    public var duressConfirmation = ""
    public var duressChoice = DuressChoice.nothingHere
    public var duressShredsReal = false
    /// Opt-in only: accidental triggers are a known failure of automatic wipes.
    public var wipeAfterEnabled = false
    public var wipeAfterCount = 10
    /// She has read what the app cannot hide.
    public var acknowledgedLimits = false
    /// Optional: restore the journal from an encrypted backup into the new vault.
    public var restoreEnabled = false
    /// The backup's passphrase.
    public var restorePassphrase = ""
    /// The encrypted bundle she picked in Files, read into memory (ciphertext only; no copy
    /// is written anywhere). Set through `AppModel.chooseRestoreBundle(at:)`.
    public internal(set) var restoreBundle: Data?
    /// The picked file's name, shown so she sees which file she chose.
    public internal(set) var restoreFileName: String?

    public init(language: Language) {
        self.language = language
    }

    /// Every problem, by field. Empty when the form can be submitted.
    public func validate() -> [Field: ValidationIssue] {
        var issues: [Field: ValidationIssue] = [:]
        if let issue = PinRules.check(pin) {
            issues[.pin] = issue
        } else if pinConfirmation != pin {
            issues[.pinConfirmation] = .pinsDoNotMatch
        }
        if duressEnabled {
            if let issue = PinRules.check(duressPin) {
                issues[.duressPin] = issue
            } else if duressPin == pin {
                issues[.duressPin] = .duressSameAsPin
            } else if duressConfirmation != duressPin {
                issues[.duressConfirmation] = .pinsDoNotMatch
            }
        }
        if wipeAfterEnabled && !PinRules.wipeAfterRange.contains(wipeAfterCount) {
            issues[.wipeAfter] = .wipeAfterOutOfRange
        }
        if restoreEnabled {
            if restoreBundle == nil { issues[.restoreFile] = .restoreFileRequired }
            if restorePassphrase.isEmpty { issues[.restorePassphrase] = .restorePassphraseRequired }
        }
        if !acknowledgedLimits {
            issues[.acknowledgement] = .acknowledgementRequired
        }
        return issues
    }

    /// Forgets every PIN typed so far (when the app leaves the screen, or after setup).
    public mutating func clearSecrets() {
        pin = ""
        pinConfirmation = ""
        duressPin = ""
        duressConfirmation = ""
        restorePassphrase = ""
        restoreBundle = nil
        restoreFileName = nil
    }
}
