// The Haven app module. Platform UI only (android.app / android.view / android.widget):
// no AndroidX, no Compose, so that every line also compiles against the plain framework jar
// in ../jvm-test (Maven + Robolectric) on machines without the Android SDK.
plugins {
    alias(libs.plugins.android.application)
    alias(libs.plugins.kotlin.android)
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
        getByName("main") { java.srcDir("src/main/kotlin") }
        // src/test/kotlin is NOT a Gradle test source set: those Robolectric tests need the core
        // built for the desktop (with its test-only fast KDF), which Gradle does not build.
        // They run through ../run-jvm-tests.sh (Maven, jvm-test/pom.xml).
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    buildFeatures {
        // Views are built in code; the generated R class is used by nothing but the manifest.
        buildConfig = false
    }
}

kotlin {
    jvmToolchain(17)
}

dependencies {
    // The Rust core and its Kotlin bindings (brings JNA @aar along).
    implementation(project(":core"))
}
