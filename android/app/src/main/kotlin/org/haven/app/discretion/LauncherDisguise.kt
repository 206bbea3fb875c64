package org.haven.app.discretion

import android.content.ComponentName
import android.content.Context
import android.content.pm.PackageManager

/**
 * The launcher entries: `activity-alias` variants of the calculator in the manifest, each with a
 * neutral label and icon. Exactly one is enabled at a time.
 *
 * Limits (told to the user during setup): Android 10+ always shows a launcher icon for an
 * installed app, so the icon can be disguised, not hidden; system settings show the app's real
 * name; some launchers drop the home-screen shortcut when the alias changes.
 */
class LauncherDisguise(private val context: Context) {

    enum class Variant(val aliasName: String) {
        BLUE("org.haven.app.LauncherBlue"),
        GRAPHITE("org.haven.app.LauncherGraphite"),
        ORANGE("org.haven.app.LauncherOrange"),
        ;

        companion object {
            /** The alias enabled in the manifest. */
            val DEFAULT = BLUE
        }
    }

    private val packageManager: PackageManager get() = context.packageManager

    private fun component(variant: Variant) = ComponentName(context.packageName, variant.aliasName)

    fun isEnabled(variant: Variant): Boolean =
        when (packageManager.getComponentEnabledSetting(component(variant))) {
            PackageManager.COMPONENT_ENABLED_STATE_ENABLED -> true
            PackageManager.COMPONENT_ENABLED_STATE_DEFAULT -> variant == Variant.DEFAULT
            else -> false
        }

    /** The variant the launcher shows now. */
    fun current(): Variant = Variant.entries.firstOrNull { isEnabled(it) } ?: Variant.DEFAULT

    /**
     * Shows [variant] in the launcher and hides the others. The new alias is enabled before the
     * old ones are disabled, so the app never has no launcher entry at all.
     */
    fun switchTo(variant: Variant) {
        setState(variant, PackageManager.COMPONENT_ENABLED_STATE_ENABLED)
        Variant.entries.filter { it != variant }.forEach {
            setState(it, PackageManager.COMPONENT_ENABLED_STATE_DISABLED)
        }
    }

    private fun setState(variant: Variant, state: Int) {
        packageManager.setComponentEnabledSetting(
            component(variant),
            state,
            PackageManager.DONT_KILL_APP,
        )
    }
}
