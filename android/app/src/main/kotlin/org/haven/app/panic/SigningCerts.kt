package org.haven.app.panic

import android.content.pm.PackageManager
import android.content.pm.Signature
import android.os.Build
import java.security.MessageDigest

/**
 * The signing certificate(s) an installed app currently has, as one string of SHA-256 digests:
 * what the panic trigger is pinned to when she connects it. A different app installed later under
 * the same package name has another certificate and is ignored.
 */
object SigningCerts {
    fun of(packageManager: PackageManager, packageName: String): String? = runCatching {
        val signatures: Array<Signature>? = if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.P) {
            val info = packageManager.getPackageInfo(packageName, PackageManager.GET_SIGNING_CERTIFICATES).signingInfo
            info?.apkContentsSigners ?: legacy(packageManager, packageName)
        } else {
            legacy(packageManager, packageName)
        }
        digest(signatures)
    }.getOrNull()

    @Suppress("DEPRECATION")
    private fun legacy(packageManager: PackageManager, packageName: String): Array<Signature>? =
        packageManager.getPackageInfo(packageName, PackageManager.GET_SIGNATURES).signatures

    fun digest(signatures: Array<Signature>?): String? {
        if (signatures.isNullOrEmpty()) return null
        return signatures.map { sig ->
            MessageDigest.getInstance("SHA-256").digest(sig.toByteArray()).joinToString("") { "%02x".format(it) }
        }.sorted().joinToString(",")
    }
}
