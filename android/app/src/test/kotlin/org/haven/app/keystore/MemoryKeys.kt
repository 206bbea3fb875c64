package org.haven.app.keystore

import javax.crypto.KeyGenerator
import javax.crypto.SecretKey

/**
 * A software key source playing the part of AndroidKeyStore (Robolectric has none): the same
 * aliases and lifetimes, keys in memory.
 */
class MemoryKeys : SealingKeys {
    private val keys = linkedMapOf<String, SecretKey>()
    var created = 0
        private set

    val aliases: Set<String> @Synchronized get() = keys.keys.toSet()

    @Synchronized override fun sealingKey(alias: String) = keys[alias]

    @Synchronized override fun createSealingKey(alias: String): SecretKey {
        created++
        return generate("AES", 256).also { keys[alias] = it }
    }

    @Synchronized override fun sealingAliases() =
        keys.keys.filter { it.startsWith(GcmSealer.SEALING_PREFIX) }

    @Synchronized override fun mixingKey(): SecretKey =
        keys.getOrPut(GcmSealer.MIXING_ALIAS) { generate("HmacSHA256", 256) }

    @Synchronized override fun delete(alias: String) {
        keys.remove(alias)
    }

    @Synchronized override fun deleteAll() = keys.clear()

    private fun generate(algorithm: String, bits: Int): SecretKey =
        KeyGenerator.getInstance(algorithm).apply { init(bits) }.generateKey()
}
