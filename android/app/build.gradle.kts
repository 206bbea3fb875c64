// The Haven app module. Platform UI only (android.app / android.view / android.widget):
// no AndroidX, no Compose, so that every line also compiles against the plain framework jar
// in ../jvm-test (Maven + Robolectric) on machines without the Android SDK.
plugins {
    alias(libs.plugins.android.application)
    alias(libs.plugins.kotlin.android)
}

// The Rust core (../../core, ../../bindings) is built for Android by the bindings' cargo-ndk
// script, which also generates the uniffi Kotlin (Android flavour, android_cleaner). Its outputs
// are fed to this module as a generated source dir and a jniLibs dir.
val repoRoot: File = rootDir.parentFile
val coreKotlinDir = layout.buildDirectory.dir("generated/uniffi/kotlin")
val coreJniLibsDir = layout.buildDirectory.dir("generated/uniffi/jniLibs")

val buildCore by tasks.registering(Exec::class) {
    group = "haven"
    description = "Builds libhaven_ffi.so for every ABI (cargo ndk) and generates the Kotlin bindings."
    workingDir = repoRoot
    commandLine(
        "bash", "bindings/scripts/build-android.sh",
        "--kotlin-out", coreKotlinDir.get().asFile.absolutePath,
        "--jnilibs-out", coreJniLibsDir.get().asFile.absolutePath,
    )
    inputs.dir(repoRoot.resolve("core/src"))
    inputs.dir(repoRoot.resolve("bindings/src"))
    outputs.dir(coreKotlinDir)
    outputs.dir(coreJniLibsDir)
}

android {
    namespace = "org.haven.app"
    compileSdk = 36

    defaultConfig {
        // Choose the application id per deployment (see README: "Disguise and package name").
        applicationId = "org.haven.app"
        minSdk = 26
        targetSdk = 36
        versionCode = 1
        versionName = "0.1.0"
        ndk {
            abiFilters += listOf("arm64-v8a", "armeabi-v7a", "x86_64")
        }
    }

    buildTypes {
        release {
            isMinifyEnabled = true
            isShrinkResources = true
            proguardFiles(
                getDefaultProguardFile("proguard-android-optimize.txt"),
                "proguard-rules.pro",
            )
        }
    }

    sourceSets {
        getByName("main") {
            java.srcDir("src/main/kotlin")
            java.srcDir(coreKotlinDir)
            jniLibs.srcDir(coreJniLibsDir)
        }
        getByName("test") {
            java.srcDir("src/test/kotlin")
        }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    buildFeatures {
        // Views are built in code; the generated R class is used by nothing but the manifest.
        buildConfig = false
    }

    testOptions {
        unitTests.isIncludeAndroidResources = false
    }
}

kotlin {
    jvmToolchain(17)
}

tasks.named("preBuild") { dependsOn(buildCore) }

dependencies {
    // JNA with its Android native dispatch libraries (the uniffi bindings load the core through it).
    implementation("${libs.jna.get()}@aar")
    // Annotation only (CLASS retention, nothing ships): uniffi's Android-flavoured bindings
    // (android_cleaner) mark their SystemCleaner class with @RequiresApi. No AndroidX code runs.
    compileOnly(libs.androidx.annotation)

    testImplementation(libs.junit)
    testImplementation(libs.robolectric)
}
