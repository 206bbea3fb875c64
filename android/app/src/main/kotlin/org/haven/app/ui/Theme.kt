package org.haven.app.ui

import android.app.Activity
import android.content.Context
import android.content.res.Configuration
import android.graphics.Color

/**
 * One calm visual language for every screen, built from platform widgets only: a type scale, a
 * spacing scale and two palettes (light and dark, following the phone's setting).
 *
 * Every pair of text and background colours below meets WCAG AA (4.5 : 1) with room to spare;
 * the ratios are in the comments, and `AccessibilityChecksTest` measures them again on rendered
 * screens. The palette is muted on purpose: nothing on a vault screen should catch the eye of
 * someone glancing over her shoulder, except the exit, which must be found without looking.
 */
object Theme {
    /** The platform theme that matches the phone's dark/light setting. Before super.onCreate (it must not touch the window's decor yet). */
    fun apply(activity: Activity) {
        activity.setTheme(themeRes(activity))
    }

    fun themeRes(context: Context): Int =
        if (isDark(context)) android.R.style.Theme_Material_NoActionBar else android.R.style.Theme_Material_Light_NoActionBar

    /**
     * A context in her language (chosen in the vault, not the phone's), for platform dialogs
     * such as the date picker, whose month names and buttons come from the platform.
     */
    fun inLanguage(activity: Activity, tag: String): Context {
        // Wraps the activity itself (not a configuration context): the dialog's window still needs
        // the activity's window token.
        val config = android.content.res.Configuration()
        config.setLocale(java.util.Locale.forLanguageTag(tag))
        return android.view.ContextThemeWrapper(activity, themeRes(activity)).apply { applyOverrideConfiguration(config) }
    }

    fun isDark(context: Context): Boolean =
        context.resources.configuration.uiMode and Configuration.UI_MODE_NIGHT_MASK == Configuration.UI_MODE_NIGHT_YES

    fun palette(context: Context): Palette = if (isDark(context)) DARK else LIGHT

    /** Text sizes, in sp. */
    object Type {
        const val TITLE = 22f
        const val HEADING = 18f
        const val BODY = 16f
        const val CAPTION = 13f
        const val LINE_NUMBER = 24f
    }

    /** Spacing, in dp. */
    object Space {
        const val XS = 4
        const val S = 8
        const val M = 16
        const val L = 24
        const val TOUCH = 48
        const val EXIT_HEIGHT = 56
        const val CORNER = 12
    }

    class Palette(
        val background: Int,
        val surface: Int,
        val text: Int,
        val muted: Int,
        val primary: Int,
        val onPrimary: Int,
        val container: Int,
        val onContainer: Int,
        val urgent: Int,
        val onUrgent: Int,
        val exit: Int,
        val onExit: Int,
        val outline: Int,
    )

    val LIGHT = Palette(
        background = Color.parseColor("#F7F6F2"),
        surface = Color.parseColor("#FFFFFF"),
        text = Color.parseColor("#1B1C1E"), // 15.8 on background, 17.1 on surface
        muted = Color.parseColor("#4A4D52"), // 7.9 on background, 8.5 on surface
        primary = Color.parseColor("#1F5C7A"),
        onPrimary = Color.parseColor("#FFFFFF"), // 7.3
        container = Color.parseColor("#D6E6F0"),
        onContainer = Color.parseColor("#10324A"), // 10.4
        urgent = Color.parseColor("#F9DEDA"),
        onUrgent = Color.parseColor("#5A1510"), // 10.6
        exit = Color.parseColor("#1B1C1E"),
        onExit = Color.parseColor("#FFFFFF"), // 17.1
        outline = Color.parseColor("#8A8D92"),
    )

    val DARK = Palette(
        background = Color.parseColor("#141517"),
        surface = Color.parseColor("#202226"),
        text = Color.parseColor("#E6E4DF"), // 14.4 on background, 12.5 on surface
        muted = Color.parseColor("#B6BAC0"), // 9.4 on background, 8.2 on surface
        primary = Color.parseColor("#8CC4E0"),
        onPrimary = Color.parseColor("#0B2230"), // 8.6
        container = Color.parseColor("#1D3A4C"),
        onContainer = Color.parseColor("#D6E6F0"), // 9.3
        urgent = Color.parseColor("#5A1D17"),
        onUrgent = Color.parseColor("#F9DEDA"), // 10.2
        exit = Color.parseColor("#F2F1EC"),
        onExit = Color.parseColor("#141517"), // 16.2
        outline = Color.parseColor("#6E7278"),
    )
}
