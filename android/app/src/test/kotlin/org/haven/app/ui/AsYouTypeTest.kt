package org.haven.app.ui

import org.junit.Assert.assertEquals
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config
import org.robolectric.shadows.ShadowLooper
import java.util.concurrent.TimeUnit

@RunWith(RobolectricTestRunner::class)
@Config(manifest = Config.NONE, sdk = [35])
class AsYouTypeTest {
    private val searched = mutableListOf<String>()
    private val pending = mutableMapOf<String, (Int) -> Unit>()
    private val shown = mutableListOf<Pair<String, Int>>()
    private val typing = AsYouType<String, Int>(
        search = { query, done ->
            searched += query
            pending[query] = done
        },
        show = { query, result -> shown += query to result },
        pauseMillis = 150,
    )

    @Test
    fun `fast typing searches once, for the last text`() {
        for (text in listOf("a", "al", "alm", "alma")) {
            typing.onQuery(text)
            ShadowLooper.idleMainLooper(50, TimeUnit.MILLISECONDS)
        }
        ShadowLooper.idleMainLooper(200, TimeUnit.MILLISECONDS)
        assertEquals(listOf("alma"), searched)
        pending.getValue("alma")(3)
        assertEquals(listOf("alma" to 3), shown)
    }

    @Test
    fun `a slow answer to an older query never replaces a newer one`() {
        typing.onQuery("shel")
        ShadowLooper.idleMainLooper(200, TimeUnit.MILLISECONDS)
        typing.onQuery("shelter")
        ShadowLooper.idleMainLooper(200, TimeUnit.MILLISECONDS)
        pending.getValue("shelter")(1)
        pending.getValue("shel")(9) // arrives late
        assertEquals(listOf("shelter" to 1), shown)
    }

    @Test
    fun `cancel drops the pending search and any late answer`() {
        typing.onQuery("a")
        typing.cancel()
        ShadowLooper.idleMainLooper(500, TimeUnit.MILLISECONDS)
        assertEquals(emptyList<String>(), searched)

        typing.onQuery("b")
        ShadowLooper.idleMainLooper(200, TimeUnit.MILLISECONDS)
        typing.cancel()
        pending.getValue("b")(2)
        assertEquals(emptyList<Pair<String, Int>>(), shown)
    }
}
