package org.haven.app.core

import android.os.Handler
import android.os.Looper
import org.haven.core.Calculator
import org.haven.core.Haven
import org.haven.core.Session
import org.haven.core.UnlockResult
import org.haven.core.model.HavenLocale
import org.haven.core.model.SpaceKind
import org.haven.core.model.VaultState
import org.haven.app.text.Lang
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicLong

/**
 * The shell's one handle on the Rust core ([Haven]) and on the open [Session], if any.
 *
 * Slow core calls (Argon2id for every PIN, file I/O) run on one background thread, in order;
 * their results come back on the main thread. [lock] runs on the caller's thread at once: the
 * core's lock is instant and does not wait for a running call.
 *
 * An unlock that finishes after a [lock] (she typed the PIN, then left the app within the second
 * the derivation takes) is thrown away and the vault locked again: a lock always wins.
 */
class VaultGate(
    private val openHaven: () -> Haven,
    private val worker: ExecutorService = Executors.newSingleThreadExecutor { Thread(it, "vault") },
    private val main: Handler = Handler(Looper.getMainLooper()),
) {
    @Volatile
    private var havenOrNull: Haven? = null
    private val lockCount = AtomicLong()

    /** The open vault, or null when locked. Read and written on the main thread. */
    var session: Session? = null
        private set

    /** Her language inside the vault (read from the vault when it opens). */
    var lang: Lang = Lang.fromSystem()
        private set

    /**
     * The city she chose for "help near you", kept in memory only while the vault is open
     * (there is no place for it in the vault's settings yet; on disk outside the vault it would
     * be a trace). Main thread.
     */
    var city: org.haven.app.vault.City? = null

    /**
     * The notes space open now: the decoy opened by its PIN, or the decoy's notes opened from the
     * real vault's settings. Closed by [lock] like the session. Main thread.
     */
    var notesSession: Session? = null
        private set

    fun openedNotes(notes: Session) {
        notesSession?.close()
        notesSession = notes
    }

    /** The core, created on first use (it may finish an interrupted wipe: not on the UI thread). */
    val haven: Haven
        get() = havenOrNull ?: synchronized(this) {
            havenOrNull ?: openHaven().also { havenOrNull = it }
        }

    /** Runs [work] on the vault thread, then [done] with its outcome on the main thread. */
    fun <T> run(work: (Haven) -> T, done: (Result<T>) -> Unit) {
        worker.execute {
            val outcome = runCatching { work(haven) }
            main.post { done(outcome) }
        }
    }

    /** The vault's state, off the UI thread. */
    fun state(done: (Result<VaultState>) -> Unit) = run({ it.state() }, done)

    /**
     * Offers the calculator's PIN candidate to the vault. [onOpened] runs only if a vault opened
     * (real PIN, or a duress PIN set to open the decoy). A wrong PIN, a "nothing here" duress PIN,
     * a throttled attempt and any error all end silently: the calculator just shows its number.
     */
    fun unlockWithCalculator(calculator: Calculator, onOpened: () -> Unit) {
        val locksBefore = lockCount.get()
        run({ haven ->
            val result = haven.unlockWithCalculator(calculator)
            // Her language is read here, off the UI thread, while the vault is surely open.
            val lang = (result as? UnlockResult.Opened)?.let { runCatching { it.session.locale().toLang() }.getOrNull() }
            result to lang
        }) { outcome ->
            val (result, lang) = outcome.getOrNull() ?: return@run
            if (result !is UnlockResult.Opened) return@run
            if (lockCount.get() != locksBefore) {
                haven.quickExit()
                result.session.close()
            } else if (result.session.space() == SpaceKind.NOTES) {
                // The decoy: only the notes space, never the vault's screens.
                session?.close()
                session = null
                openedNotes(result.session)
                onOpened()
            } else {
                opened(result.session, lang ?: this.lang)
                onOpened()
            }
        }
    }

    /** After setup or an unlock: remember the open session and her language. Main thread. */
    fun opened(newSession: Session, language: Lang) {
        session?.close()
        session = newSession
        lang = language
    }

    fun setLanguage(newLang: Lang) {
        lang = newLang
    }

    /**
     * Closes the vault now: the core forgets its keys; any later call on the old session fails
     * with `Locked`. Instant and idempotent. Main thread.
     */
    fun lock() {
        lockCount.incrementAndGet()
        city = null
        notesSession?.close()
        notesSession = null
        havenOrNull?.quickExit()
        session?.close()
        session = null
    }

    /** Destroys the vault (after a lock). [done] on the main thread. */
    fun wipe(done: (Result<Unit>) -> Unit) {
        lock()
        run({ it.wipe() }, done)
    }

    /** For tests: waits until the vault thread has finished what was queued before. */
    fun awaitIdle(timeoutSeconds: Long = 30) {
        worker.submit {}.get(timeoutSeconds, TimeUnit.SECONDS)
    }
}

fun HavenLocale.toLang(): Lang = when (this) {
    HavenLocale.KK -> Lang.KK
    HavenLocale.RU -> Lang.RU
    HavenLocale.EN -> Lang.EN
}

fun Lang.toLocale(): HavenLocale = when (this) {
    Lang.KK -> HavenLocale.KK
    Lang.RU -> HavenLocale.RU
    Lang.EN -> HavenLocale.EN
}
