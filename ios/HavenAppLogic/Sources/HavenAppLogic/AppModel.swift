import Foundation
import HavenCore
import Observation

/// The app's state and every decision the screens need, without SwiftUI.
///
/// The SwiftUI views read this model and forward events to it; everything that can be decided
/// without a screen is decided here or in the core, and tested on Linux against the real core.
///
/// ```text
/// starting ──no vault, first launch──▶ setup ──create──▶ vault
///    │                                   │ exit            │ exit, scene leaves .active,
///    └──vault exists, or after a wipe──▶ calculator ◀──────┘ idle timeout, wipe
///                          │ PIN + "=" (off the main thread)
///                          ├──────────────▶ vault (real) or notes (decoy)
///                          │ hold the display 3 s, only when no vault exists
///                          └──────────────▶ setup
/// ```
///
/// Each vault screen has its own model (`contacts`, `journal`, …), owned here and emptied on
/// every lock, so nothing she looked at survives a lock in memory the views can reach.
///
/// The calculator is always a working calculator: a wrong PIN, a duress PIN set to "nothing
/// here" and an attempt refused by throttling all leave it showing the arithmetic result.
@MainActor
@Observable
public final class AppModel {
    /// Which top-level screen shows.
    public enum Phase: Equatable, Sendable {
        /// Reading the vault's state (a moment at launch).
        case starting
        /// No vault yet: the first-run screen.
        case setup
        /// The disguise. Also shown while locked out.
        case calculator
        /// The real vault is open.
        case vault
        /// The decoy's space is open (a duress PIN set to "open decoy"): a plain notes app,
        /// nothing of Haven in it.
        case notes
    }

    /// The scene's phase, mirrored from SwiftUI's `ScenePhase` by the view.
    public enum ScenePhase: Sendable {
        case active, inactive, background
    }

    /// The screens inside the vault, pushed on a navigation stack from the home screen.
    public enum VaultScreen: Hashable, Sendable, CaseIterable {
        case safetyPlan, contacts, journal, orders, directory, rights, dangerSigns, backup, settings
    }

    public private(set) var phase = Phase.starting
    /// Whether the privacy cover hides the screen (whenever the scene is not active), so the
    /// app switcher's snapshot never shows the vault, the setup form or a PIN being typed.
    public private(set) var showsPrivacyCover = false
    /// The calculator's main display and upper line.
    public private(set) var display = "0"
    public private(set) var expression = ""
    /// The language of the screens: hers inside the vault, the phone's before.
    public private(set) var language: Language
    /// The first-run form and its problems (filled in by `submitSetup`).
    public var setupForm: SetupForm
    public private(set) var setupIssues: [SetupForm.Field: ValidationIssue] = [:]
    /// A slow call (setup, PIN check) is running: the view disables its buttons.
    public private(set) var isBusy = false
    /// A refusal or failure to show on the current vault screen, in her language.
    public var alertMessage: String?
    /// The navigation stack inside the vault.
    public var path: [VaultScreen] = []
    /// The running "erase everything" countdown, if any.
    public private(set) var wipeCountdown: WipeCountdown?
    /// The settings kept outside the vault (setup offered, auto-lock delay).
    public private(set) var shellSettings: ShellSettings

    // The screens' models, emptied by every lock.
    public let contacts = ContactsModel()
    public let journal = JournalModel()
    public let plan = PlanModel()
    public let orders = OrdersModel()
    public let directory = DirectoryModel()
    public let rights = RightsModel()
    public let backup = BackupModel()
    public let settings = SettingsModel()
    /// The decoy's space when it is the open session.
    public let notes = NotesModel()
    /// The decoy's space curated from the real vault's settings.
    public let decoyNotes = NotesModel(curates: true)

    /// The open session. Screens reach it through `perform`, never directly.
    private var session: Session?
    private let haven: Haven
    private var calculator = Calculator()
    private let phoneLanguage: Language
    private let afterWrite: @Sendable () -> Void
    private let wipeSeconds: Int
    private let wipeTick: WipeCountdown.Tick
    private let settingsStore: ShellSettingsStore
    let exports: ExportFiles
    private let now: @Sendable () -> Date
    /// The last touch inside the vault (for the auto-lock).
    private var lastInteraction = Date.distantPast

    /// Unlock attempts run one after another, off the main thread, in this chain.
    private var unlockChain: Task<Void, Never>?
    /// Bumped by every lock: an unlock that started before it must not open the vault after it.
    private var lockGeneration = 0
    private var sceneIsActive = true

    /// - Parameters:
    ///   - haven: the vault in the app's data directory.
    ///   - preferredLanguages: the phone's languages (`Locale.preferredLanguages`).
    ///   - wipeSeconds: the length of the "erase everything" countdown.
    ///   - wipeTick: waits one second (tests pass a faster or controllable one).
    ///   - afterWrite: called after every operation that may have written to the data
    ///     directory; the app re-applies file protection and backup exclusion there.
    ///   - settingsStore: where the settings kept outside the vault live.
    ///   - exports: where a shared report is written while the share sheet is open.
    ///   - now: the clock (tests pass one they move).
    public init(
        haven: Haven,
        preferredLanguages: [String],
        settingsStore: ShellSettingsStore,
        exports: ExportFiles,
        wipeSeconds: Int = 10,
        wipeTick: @escaping WipeCountdown.Tick = { try await Task.sleep(nanoseconds: 1_000_000_000) },
        now: @escaping @Sendable () -> Date = { Date() },
        afterWrite: @escaping @Sendable () -> Void = {}
    ) {
        self.haven = haven
        let phoneLanguage = Language.preferred(from: preferredLanguages)
        self.phoneLanguage = phoneLanguage
        self.language = phoneLanguage
        self.setupForm = SetupForm(language: phoneLanguage)
        self.wipeSeconds = wipeSeconds
        self.wipeTick = wipeTick
        self.afterWrite = afterWrite
        self.settingsStore = settingsStore
        self.shellSettings = settingsStore.load()
        self.exports = exports
        self.now = now
        for screen in screenModels { screen.attach(self) }
    }

    private var screenModels: [any ScreenModel] {
        [contacts, journal, plan, orders, directory, rights, backup, settings, notes, decoyNotes]
    }

    // MARK: - Launch

    /// Reads the vault's state and picks the first screen. Call once at launch.
    ///
    /// Setup opens by itself only on the very first launch. After that (she left setup, or
    /// erased everything) the app stays a calculator, because setup appearing would tell
    /// whoever holds the phone that a hidden space was here; setup then opens only through
    /// `requestSetup()`, as on Android.
    public func start() async {
        exports.removeAll() // a report left behind by a crash
        let haven = self.haven
        let state = await Task.detached { Result { try haven.state() } }.value
        afterWrite() // reading the state may complete an interrupted wipe
        if case .success(.notSetUp) = state, !shellSettings.setupOffered {
            updateShellSettings { $0.setupOffered = true }
            phase = .setup
        } else {
            // Locked, locked out, unreadable (a lost device key included), or no vault after a
            // wipe: the calculator.
            phase = .calculator
        }
    }

    /// The deliberate action that opens setup when no vault exists: holding the calculator's
    /// display for three seconds (the setup screen tells her beforehand). Typing numbers and
    /// "=" — what anyone guessing a PIN does — never opens setup. Does nothing while a vault
    /// exists, so it reveals nothing either.
    public func requestSetup() async {
        guard phase == .calculator else { return }
        let haven = self.haven
        let state = await Task.detached { Result { try haven.state() } }.value
        guard case .success(.notSetUp) = state, phase == .calculator, sceneIsActive else { return }
        setupForm = SetupForm(language: phoneLanguage)
        setupIssues = [:]
        language = phoneLanguage
        resetCalculator()
        phase = .setup
    }

    /// Re-applies the data directory's protection after a write made outside `perform`.
    func didWrite() {
        afterWrite()
    }

    private func updateShellSettings(_ change: (inout ShellSettings) -> Void) {
        change(&shellSettings)
        settingsStore.save(shellSettings)
        afterWrite()
    }

    /// Sets the auto-lock delay (minutes without a touch; 0 = only on leaving the app).
    func setAutoLockMinutes(_ minutes: Int) {
        updateShellSettings { $0.autoLockMinutes = max(0, minutes) }
    }

    // MARK: - Calculator

    /// A key on the disguise calculator. "=" after 6–12 digits also tries them as a PIN, off
    /// the main thread; the display shows the arithmetic result whatever happens.
    public func press(_ key: CalculatorKey) {
        guard phase == .calculator else { return }
        let screen = calculator.press(key: key.coreKey)
        display = screen.display == "Error" ? Strings.text(.calculatorError, in: language) : screen.display
        expression = screen.expression
        if screen.unlockCandidate {
            enqueueUnlock()
        }
    }

    /// Waits until every unlock attempt started so far has finished.
    func waitForUnlockAttempts() async {
        await unlockChain?.value
    }

    private func enqueueUnlock() {
        let previous = unlockChain
        let generation = lockGeneration
        let haven = self.haven
        let calculator = self.calculator
        unlockChain = Task {
            await previous?.value
            // Exited or backgrounded since "=": the attempt is dropped, not tried later.
            guard generation == lockGeneration else { return }
            // The digits stay in Rust: the core takes the candidate the calculator holds.
            let outcome = await Task.detached(priority: .userInitiated) {
                Result { try haven.unlockWithCalculator(calculator: calculator) }
            }.value
            afterWrite() // an attempt rewrites the keys file (attempt counter)
            handleUnlock(outcome, generation: generation)
        }
    }

    private func handleUnlock(_ outcome: Result<UnlockResult, Error>, generation: Int) {
        switch outcome {
        case .success(.opened(let session)):
            guard generation == lockGeneration, sceneIsActive, phase == .calculator else {
                // The app was left while the PIN was being checked: close at once.
                haven.quickExit()
                return
            }
            open(session)
        case .success(.notOpened), .success(.throttled):
            break // the calculator just shows the number
        case .failure:
            // A calculator has nothing to say about a storage error — nor about a lost device
            // key (`ProtectorUnavailable`): that answer comes for *any* number typed, so showing
            // it would tell whoever tries the calculator that a vault is hidden here, typically
            // on a phone whose passcode somebody made her remove. Setup warns her beforehand.
            break
        }
    }

    private func open(_ session: Session) {
        self.session = session
        if let locale = try? session.locale() {
            language = Language(locale)
        }
        path = []
        resetCalculator()
        lastInteraction = now()
        phase = session.space() == .notes ? .notes : .vault
    }

    private func resetCalculator() {
        calculator = Calculator()
        display = "0"
        expression = ""
    }

    // MARK: - Setup

    /// Validates the first-run form and, if it is complete, creates the vault (off the main
    /// thread) and opens it.
    public func submitSetup() async {
        guard phase == .setup, !isBusy else { return }
        setupIssues = setupForm.validate()
        guard setupIssues.isEmpty else { return }
        isBusy = true
        defer { isBusy = false }
        let (pin, duressPin, options) = (setupForm.pin, setupForm.coreDuressPin, setupForm.coreOptions)
        let restore = setupForm.restoreEnabled ? setupForm.restoreBundle.map { ($0, setupForm.restorePassphrase) } : nil
        let haven = self.haven
        let generation = lockGeneration
        // The vault first, then (optionally) the backup into its empty journal through the same
        // core call as the in-vault restore, which checks the passphrase and the whole chain
        // before writing anything: a refusal leaves the new vault empty and usable.
        let outcome = await Task.detached(priority: .userInitiated) {
            Result { () throws -> (Session, Result<Int, Error>?) in
                let session = try haven.setup(pin: pin, duressPin: duressPin, options: options)
                var restored: Result<Int, Error>?
                if let restore {
                    let (bundle, passphrase) = restore
                    do {
                        restored = .success(Int(try session.importBundleFrom(passphrase: passphrase, source: DataSource(bundle))))
                    } catch {
                        restored = .failure(error)
                    }
                }
                return (session, restored)
            }
        }.value
        afterWrite()
        switch outcome {
        case .success(let (session, restored)):
            setupForm.clearSecrets()
            language = setupForm.language
            guard generation == lockGeneration, sceneIsActive else {
                haven.quickExit()
                phase = .calculator
                return
            }
            open(session)
            switch restored {
            case .success(let count)?:
                alertMessage = Strings.text(.backupRestored, in: language, count)
            case .failure(let error)?:
                alertMessage = Problem.restoreFailure(error, in: language) + " "
                    + Strings.text(.setupRestoreNotDone, in: language)
            case nil:
                break
            }
        case .failure:
            // The form's checks mirror the core's, so a refusal here is a failure to store.
            alertMessage = Strings.text(.somethingWentWrong, in: language)
        }
    }

    /// The backup she picked in the Files importer on the setup screen: read into memory
    /// (ciphertext; nothing is copied to disk) and restored after the vault is created.
    public func chooseRestoreBundle(at url: URL) {
        setupIssues[.restoreFile] = nil
        #if canImport(Darwin)
        // A file picked in Files lies outside the sandbox: read it under its security scope.
        let scoped = url.startAccessingSecurityScopedResource()
        defer { if scoped { url.stopAccessingSecurityScopedResource() } }
        #endif
        do {
            setupForm.restoreBundle = try Data(contentsOf: url)
            setupForm.restoreFileName = url.lastPathComponent
        } catch {
            setupForm.restoreBundle = nil
            setupForm.restoreFileName = nil
            setupIssues[.restoreFile] = .restoreFileUnreadable
        }
    }

    /// Sets the language of the first-run screen.
    public func chooseSetupLanguage(_ language: Language) {
        setupForm.language = language
        self.language = language
    }

    // MARK: - Leaving

    /// The exit button (on every vault screen and on setup): closes the vault at once and shows
    /// a cleared calculator.
    public func exit() {
        lock()
        language = phoneLanguage
        setupForm.clearSecrets()
        setupIssues = [:]
        phase = .calculator
    }

    /// Called by the view whenever SwiftUI's `scenePhase` changes. Leaving `.active` (app
    /// switcher, home, lock screen, a call, Control Center) locks the vault and raises the
    /// privacy cover; a PIN being checked at that moment does not open anything.
    public func scenePhaseChanged(_ newPhase: ScenePhase) {
        sceneIsActive = newPhase == .active
        showsPrivacyCover = !sceneIsActive
        guard !sceneIsActive else { return }
        switch phase {
        case .vault, .notes:
            exit()
        case .starting, .setup, .calculator:
            lockGeneration += 1 // drop unlock attempts still waiting
            // Coming back shows a cleared calculator, never a PIN typed just before leaving.
            resetCalculator()
        }
    }

    // MARK: - Auto-lock

    /// A touch anywhere inside the vault (the view reports them): restarts the idle timer.
    public func userInteracted() {
        lastInteraction = now()
    }

    /// Locks the vault if she has not touched it for the auto-lock delay. The view calls this
    /// every few seconds while the vault is open. Returns whether it locked.
    @discardableResult
    public func lockIfIdle() -> Bool {
        let minutes = shellSettings.autoLockMinutes
        guard phase == .vault || phase == .notes, minutes > 0,
              now().timeIntervalSince(lastInteraction) >= TimeInterval(minutes * 60) else { return false }
        exit()
        return true
    }

    private func lock() {
        lockGeneration += 1
        wipeCountdown?.cancel()
        wipeCountdown = nil
        haven.quickExit()
        session = nil
        path = []
        alertMessage = nil
        for screen in screenModels { screen.reset() }
        exports.removeAll()
        resetCalculator()
    }

    // MARK: - Working in the vault

    /// The vault was closed under the screen's feet (exit on another thread, a lock).
    public struct VaultClosed: Error {}

    /// Runs `work` with the open session off the main thread, then re-applies the data
    /// directory's protection. Every vault screen goes through here. If the session turns out
    /// to be closed, the app returns to the calculator.
    func perform<T: Sendable>(_ work: @escaping @Sendable (Session) throws -> T) async throws -> T {
        guard let session, phase == .vault || phase == .notes else { throw VaultClosed() }
        let outcome = await Task.detached(priority: .userInitiated) { Result { try work(session) } }.value
        afterWrite()
        if case .failure(HavenError.Locked) = outcome, !session.isOpen() {
            exit()
            throw VaultClosed()
        }
        return try outcome.get()
    }

    /// Changes the language inside the vault (stored in the vault).
    public func setLanguage(_ newLanguage: Language) async {
        let locale = newLanguage.coreLocale
        do {
            try await perform { try $0.setLocale(locale: locale) }
            language = newLanguage
        } catch is VaultClosed {
        } catch {
            alertMessage = Strings.text(.somethingWentWrong, in: language)
        }
    }

    // MARK: - SOS

    /// What SOS would send now, from her trusted contacts in the vault (shown to her before
    /// anything is composed; see `SosPlan`).
    func sosPlan() async throws -> SosPlan {
        let contacts = try await perform { session in try session.contacts().map(SosContact.init) }
        return SosPlan(contacts: contacts)
    }

    /// Runs `work` like `perform`; a refusal becomes `alertMessage` in her language and `nil`.
    func attempt<T: Sendable>(_ work: @escaping @Sendable (Session) throws -> T) async -> T? {
        do {
            return try await perform(work)
        } catch is VaultClosed {
            return nil
        } catch {
            alertMessage = Problem.message(for: error, in: language)
            return nil
        }
    }

    // MARK: - Erase everything

    /// Asks for the PIN again (MASVS AUTH-3), then starts the cancellable countdown. Returns
    /// the problem to show under the PIN field, or `nil` when the countdown started.
    public func startWipe(confirmingPin pin: String) async -> ValidationIssue? {
        if let issue = PinRules.check(pin), issue != .pinTooEasy { return issue }
        guard wipeCountdown == nil || wipeCountdown?.status == .cancelled else { return nil }
        isBusy = true
        defer { isBusy = false }
        do {
            try await perform { try $0.verifyPin(pin: pin) }
        } catch is VaultClosed {
            return nil
        } catch {
            return .wrongPin
        }
        let haven = self.haven
        wipeCountdown = WipeCountdown(seconds: wipeSeconds, tick: wipeTick) { [weak self] in
            try await Task.detached(priority: .userInitiated) { try haven.wipe() }.value
            self?.didWipe()
        }
        return nil
    }

    /// Stops the countdown if the wipe has not begun.
    public func cancelWipe() {
        wipeCountdown?.cancel()
    }

    private func didWipe() {
        session = nil
        path = []
        wipeCountdown = nil
        for screen in screenModels { screen.reset() }
        exports.removeAll()
        // The shell's own settings go too, except that setup was offered: the next launch must
        // show the calculator, not setup.
        updateShellSettings { $0 = $0.afterWipe }
        language = phoneLanguage
        resetCalculator()
        // The calculator, not the first-run screen, now and at every later launch: whoever
        // looks at the phone next should see a calculator. Setup opens only through
        // `requestSetup()`.
        phase = .calculator
    }
}
