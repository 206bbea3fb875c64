package org.haven.app.panic

import org.haven.app.settings.ShellPrefs

/** The PanicKit protocol's actions (info.guardianproject.panic). */
object PanicKit {
    const val ACTION_TRIGGER = "info.guardianproject.panic.action.TRIGGER"
    const val ACTION_CONNECT = "info.guardianproject.panic.action.CONNECT"
    const val ACTION_DISCONNECT = "info.guardianproject.panic.action.DISCONNECT"
}

/** What the responder does with one incoming intent. */
enum class PanicResponse { IGNORE, LOCK, LOCK_AND_WIPE, CONNECT_REQUESTED, DISCONNECTED }

/**
 * Decides what a PanicKit intent does, given the package that sent it.
 *
 * The sender is known only when the trigger app started the responder with
 * `startActivityForResult` (Activity.getCallingActivity) — that is how PanicKit trigger apps such
 * as Ripple send it, and an intent without a known sender is ignored.
 *
 * - TRIGGER from the connected app, signed by the certificate it had when it connected: lock,
 *   or lock and wipe if she opted in. From anyone else — including an app that later took the
 *   same package name with another signing key — ignored (nothing happens, nothing is shown).
 * - CONNECT: remembered as a request only. Nothing is shown outside the vault (a "connect to
 *   Haven?" screen would reveal the app); she accepts it in the vault's settings.
 * - DISCONNECT from the connected app: forgets it.
 */
class PanicPolicy(
    private val prefs: ShellPrefs,
    /** The signing certificate(s) of an installed package, as [SigningCerts] gives them; null if unknown. */
    private val certOf: (String) -> String?,
) {

    fun respond(action: String?, sender: String?): PanicResponse {
        if (sender.isNullOrEmpty()) return PanicResponse.IGNORE
        val connected = prefs.panicTrigger
        return when (action) {
            PanicKit.ACTION_TRIGGER -> when {
                sender != connected -> PanicResponse.IGNORE
                // Same package name, another signer: not the app she connected (it was replaced).
                prefs.panicTriggerCert.let { it == null || it != certOf(sender) } -> PanicResponse.IGNORE
                prefs.panicWipes -> PanicResponse.LOCK_AND_WIPE
                else -> PanicResponse.LOCK
            }
            PanicKit.ACTION_CONNECT -> {
                if (sender == connected) return PanicResponse.IGNORE
                val cert = certOf(sender) ?: return PanicResponse.IGNORE
                prefs.panicConnectRequest = sender
                prefs.panicConnectRequestCert = cert
                PanicResponse.CONNECT_REQUESTED
            }
            PanicKit.ACTION_DISCONNECT -> {
                if (sender != connected) return PanicResponse.IGNORE
                if (prefs.panicTriggerCert != certOf(sender)) return PanicResponse.IGNORE
                disconnect()
                PanicResponse.DISCONNECTED
            }
            else -> PanicResponse.IGNORE
        }
    }

    /** She accepted the pending request in settings (vault open). */
    fun acceptRequest(wipe: Boolean) {
        val request = prefs.panicConnectRequest ?: return
        prefs.panicTrigger = request
        prefs.panicTriggerCert = prefs.panicConnectRequestCert
        prefs.panicWipes = wipe
        rejectRequest()
    }

    fun rejectRequest() {
        prefs.panicConnectRequest = null
        prefs.panicConnectRequestCert = null
    }

    fun disconnect() {
        prefs.panicTrigger = null
        prefs.panicTriggerCert = null
        prefs.panicWipes = false
    }
}
