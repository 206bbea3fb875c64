import Foundation
import HavenCore
import XCTest
@testable import HavenAppLogic

/// PINs used throughout. Not "too easy" by `PinRules`, and different from each other.
enum TestPins {
    static let real = "284619"
    static let duress = "731905"
    static let wrong = "590372"
}

/// A vault in a fresh temporary directory, with the test protector and a fast key derivation.
@MainActor
final class VaultFixture {
    let directory: URL
    let protector = InsecureTestProtector()
    let haven: Haven
    let writes = WriteCounter()
    /// Where the app's own files outside the vault go: the shell settings and the exports.
    let shellDirectory: URL
    let clock = TestClock()
    var settingsStore: ShellSettingsStore { ShellSettingsStore(url: shellDirectory.appendingPathComponent("s")) }
    var exports: ExportFiles { ExportFiles(directory: shellDirectory.appendingPathComponent("e", isDirectory: true)) }

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("haven-applogic-\(UUID().uuidString)", isDirectory: true)
        // The fast derivation is the bindings' test-only constructor (Argon2id with tiny
        // parameters); the app uses `Haven(dataDir:protector:)` with production parameters.
        haven = try Haven.newInsecureForTests(dataDir: directory.path, protector: protector)
        shellDirectory = directory.deletingLastPathComponent()
            .appendingPathComponent("haven-shell-\(UUID().uuidString)", isDirectory: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
        try? FileManager.default.removeItem(at: shellDirectory)
    }

    /// A model over this vault, as the app builds it at launch.
    func makeModel(
        languages: [String] = ["en-US"],
        wipeSeconds: Int = 10,
        wipeTick: @escaping WipeCountdown.Tick = { try await Task.sleep(nanoseconds: 1_000_000) }
    ) -> AppModel {
        let writes = self.writes
        let clock = self.clock
        return AppModel(haven: haven, preferredLanguages: languages, settingsStore: settingsStore,
                        exports: exports, wipeSeconds: wipeSeconds, wipeTick: wipeTick,
                        now: { clock.now }, afterWrite: { writes.increment() })
    }

    /// A started model with a vault set up through the first-run screen, open.
    func modelWithVault(
        language: Language = .en,
        duress: SetupForm.DuressChoice? = nil,
        shredReal: Bool = false,
        languages: [String] = ["en-US"],
        wipeTick: @escaping WipeCountdown.Tick = { try await Task.sleep(nanoseconds: 1_000_000) }
    ) async throws -> AppModel {
        let model = makeModel(languages: languages, wipeTick: wipeTick)
        await model.start()
        XCTAssertEqual(model.phase, .setup)
        model.chooseSetupLanguage(language)
        model.setupForm.pin = TestPins.real
        model.setupForm.pinConfirmation = TestPins.real
        if let duress {
            model.setupForm.duressEnabled = true
            model.setupForm.duressPin = TestPins.duress
            model.setupForm.duressConfirmation = TestPins.duress
            model.setupForm.duressChoice = duress
            model.setupForm.duressShredsReal = shredReal
        }
        model.setupForm.acknowledgedLimits = true
        await model.submitSetup()
        XCTAssertEqual(model.setupIssues, [:])
        XCTAssertEqual(model.phase, .vault)
        return model
    }

    func state() throws -> VaultState {
        try haven.state()
    }
}

/// A clock the test moves.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_800_000_000)

    var now: Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    func advance(seconds: TimeInterval) {
        lock.lock()
        current += seconds
        lock.unlock()
    }
}

/// Counts `afterWrite` calls, from whatever thread.
final class WriteCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() {
        lock.lock()
        count += 1
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}

extension AppModel {
    /// Types `keys` on the calculator: digits, `.`, `+`, `-`, `*`, `/`, `%`, `=`, `C`.
    func type(_ keys: String) {
        for character in keys {
            switch character {
            case "0"..."9": press(.digit(character.wholeNumberValue!))
            case ".": press(.point)
            case "+": press(.add)
            case "-": press(.subtract)
            case "*": press(.multiply)
            case "/": press(.divide)
            case "%": press(.percent)
            case "=": press(.equals)
            case "C": press(.clear)
            default: XCTFail("no calculator key for \(character)")
            }
        }
    }

    /// Types `pin` and `=` and waits for the attempt to finish.
    func enter(pin: String) async {
        type(pin + "=")
        await waitForUnlockAttempts()
    }
}

/// Ticks the wipe countdown only when the test says so.
actor TickGate {
    private var banked = 0
    private var waiting: [CheckedContinuation<Void, Error>] = []

    func tick() async throws {
        if banked > 0 {
            banked -= 1
            return
        }
        try await withCheckedThrowingContinuation { waiting.append($0) }
    }

    /// Lets `count` ticks pass.
    func release(_ count: Int) {
        for _ in 0..<count {
            if waiting.isEmpty {
                banked += 1
            } else {
                waiting.removeFirst().resume()
            }
        }
    }
}

/// Waits (up to two seconds) for `condition`, which the main actor makes true asynchronously.
@MainActor
func eventually(_ condition: () -> Bool, file: StaticString = #filePath, line: UInt = #line) async {
    for _ in 0..<2000 {
        if condition() { return }
        try? await Task.sleep(nanoseconds: 1_000_000)
    }
    XCTFail("condition not met within two seconds", file: file, line: line)
}
