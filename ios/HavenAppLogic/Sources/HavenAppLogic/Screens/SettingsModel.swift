import Foundation
import HavenCore
import Observation

/// Settings after setup: change the PIN, set or remove the duress PIN, erase-after-N wrong
/// PINs (5–50, or off), and the auto-lock delay. Every change asks for the current PIN, which
/// the core checks (and throttles like an unlock).
@MainActor
@Observable
public final class SettingsModel: ScreenModel {
    public enum Field: Hashable, Sendable { case currentPin, newPin, newPinConfirmation, duressPin, duressConfirmation, wipeAfter }

    /// Which change a form is for (each has its own "current PIN" field and result).
    public enum Change: Hashable, Sendable { case pin, duress, wipeAfter }

    public var currentPin = ""
    public var newPin = ""
    public var newPinConfirmation = ""
    public var duressPin = ""
    public var duressConfirmation = ""
    public var duressChoice = SetupForm.DuressChoice.nothingHere
    public var duressShredsReal = false
    public var wipeAfterEnabled = false
    public var wipeAfterCount = 10
    /// The erase-after-N threshold the vault holds now (`nil` = off), read from the core when
    /// the screen opens and after every change; `loadedWipeAfter` says whether it was read.
    public private(set) var currentWipeAfter: Int?
    public private(set) var loadedWipeAfter = false
    public private(set) var issues: [Field: ValidationIssue] = [:]
    /// The last change that succeeded (shown as "Done").
    public private(set) var done: Change?
    public private(set) var problem: String?

    @ObservationIgnored private weak var app: AppModel?

    init() {}

    func attach(_ app: AppModel) { self.app = app }

    func reset() {
        clearPins()
        duressChoice = .nothingHere
        duressShredsReal = false
        wipeAfterEnabled = false
        wipeAfterCount = 10
        currentWipeAfter = nil
        loadedWipeAfter = false
        issues = [:]
        done = nil
        problem = nil
    }

    private func clearPins() {
        currentPin = ""
        newPin = ""
        newPinConfirmation = ""
        duressPin = ""
        duressConfirmation = ""
    }

    /// The choices of the auto-lock delay, in minutes (0 = only on leaving the app).
    public var autoLockChoices: [Int] { ShellSettings.autoLockChoices }
    public var autoLockMinutes: Int { app?.shellSettings.autoLockMinutes ?? ShellSettings.defaultAutoLockMinutes }

    public func autoLockLabel(_ minutes: Int) -> String {
        let language = app?.language ?? .ru
        return minutes == 0 ? Strings.text(.autoLockNever, in: language) : Strings.text(.autoLockMinutes, in: language, minutes)
    }

    public func setAutoLock(minutes: Int) {
        app?.setAutoLockMinutes(minutes)
    }

    /// Reads the current erase-after-N choice from the vault (when the screen opens) and sets
    /// the form to it, so the toggle and the stepper start from what is really in force.
    public func load() async {
        guard let app else { return }
        do {
            let after = try await app.perform { try $0.wipeAfterFailures() }
            currentWipeAfter = after.map { Int($0) }
            loadedWipeAfter = true
            wipeAfterEnabled = after != nil
            if let after { wipeAfterCount = Int(after) }
        } catch is AppModel.VaultClosed {
        } catch {
            problem = Problem.message(for: error, in: app.language)
        }
    }

    /// The current choice in words ("Now: off" / "Now: erase after N wrong PINs"), or `nil`
    /// before it was read.
    public var currentWipeAfterText: String? {
        guard loadedWipeAfter else { return nil }
        let language = app?.language ?? .ru
        guard let count = currentWipeAfter else { return Strings.text(.wipeAfterNowOff, in: language) }
        return Strings.text(.wipeAfterNowOn, in: language, count)
    }

    /// Changes the PIN.
    public func changePin() async {
        var issues: [Field: ValidationIssue] = [:]
        if let issue = PinRules.check(newPin) {
            issues[.newPin] = issue
        } else if newPin != newPinConfirmation {
            issues[.newPinConfirmation] = .pinsDoNotMatch
        }
        let (current, new) = (currentPin, newPin)
        await submit(.pin, issues: issues) { try $0.changePin(current: current, newPin: new) }
    }

    /// Sets (or replaces) the duress PIN and what it does.
    public func setDuressPin() async {
        var issues: [Field: ValidationIssue] = [:]
        if let issue = PinRules.check(duressPin) {
            issues[.duressPin] = issue
        } else if duressPin == currentPin {
            issues[.duressPin] = .duressSameAsPin
        } else if duressPin != duressConfirmation {
            issues[.duressConfirmation] = .pinsDoNotMatch
        }
        let (current, duress) = (currentPin, duressPin)
        let settings = DuressSettings(behaviour: duressChoice.coreBehaviour, shredReal: duressShredsReal)
        await submit(.duress, issues: issues) { try $0.setDuressPin(current: current, duressPin: duress, settings: settings) }
    }

    /// Removes the duress PIN.
    public func clearDuressPin() async {
        let current = currentPin
        await submit(.duress, issues: [:]) { try $0.clearDuressPin(current: current) }
    }

    /// Sets erase-after-N wrong PINs (or turns it off).
    public func setWipeAfter() async {
        var issues: [Field: ValidationIssue] = [:]
        if wipeAfterEnabled && !PinRules.wipeAfterRange.contains(wipeAfterCount) { issues[.wipeAfter] = .wipeAfterOutOfRange }
        let current = currentPin
        let after = wipeAfterEnabled ? UInt32(clamping: wipeAfterCount) : nil
        await submit(.wipeAfter, issues: issues) { try $0.setWipeAfterFailures(current: current, after: after) }
        if done == .wipeAfter { await load() }
    }

    private func submit(_ change: Change, issues: [Field: ValidationIssue],
                        _ work: @escaping @Sendable (Session) throws -> Void) async {
        guard let app else { return }
        done = nil
        problem = nil
        var issues = issues
        if currentPin.isEmpty { issues[.currentPin] = .pinRequired }
        self.issues = issues
        guard issues.isEmpty else { return }
        clearPins()
        do {
            try await app.perform(work)
            done = change
        } catch is AppModel.VaultClosed {
        } catch HavenError.InvalidInput(let field, let reason) where reason.contains("too easy") {
            self.issues[field == "duress_pin" ? .duressPin : .newPin] = .pinTooEasy
        } catch HavenError.InvalidInput(_, let reason) where reason.contains("not correct") {
            self.issues[.currentPin] = .wrongPin
        } catch HavenError.Locked {
            self.issues[.currentPin] = .wrongPin
        } catch {
            problem = Problem.message(for: error, in: app.language)
        }
    }
}
