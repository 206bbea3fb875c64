package org.haven.app.vault

import org.haven.app.text.UiText
import org.haven.core.HavenException

/**
 * Installing a region's directory pack from a file. The core verifies the pack's signature
 * against the keys it trusts and installs it atomically, or refuses it with a fixed reason; the
 * installed pack stays as it was on any refusal. Here each reason becomes a plain sentence.
 */
object PackInstall {
    /** A pack is at most a few MB; anything far larger is not one. */
    const val MAX_BYTES = 32 * 1024 * 1024

    fun refusal(error: Throwable): UiText {
        val reason = (error as? HavenException.PackRejected)?.reason ?: return UiText.PACK_FAILED
        return when {
            "another region" in reason -> UiText.PACK_OTHER_REGION
            "older than" in reason || "same version" in reason -> UiText.PACK_OLDER
            "newer" in reason -> UiText.PACK_NEEDS_UPDATE
            "key this app does not trust" in reason || "signature" in reason || "not signed" in reason ||
                "does not match its manifest" in reason -> UiText.PACK_NOT_GENUINE
            else -> UiText.PACK_DAMAGED
        }
    }
}
