package org.haven.app.core

import org.junit.Assert.assertNotNull
import org.junit.Test

/**
 * The tests run the same generated bindings as the APK (Android configuration, android_cleaner),
 * not the desktop-JVM flavour: the class below exists only in the Android flavour.
 */
class BindingsFlavourTest {
    @Test
    fun `the bindings under test are the Android flavour`() {
        assertNotNull(Class.forName("org.haven.core.AndroidSystemCleaner", false, javaClass.classLoader))
    }
}
