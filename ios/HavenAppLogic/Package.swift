// swift-tools-version:5.9
//
// The app's logic layer: Foundation and Observation only, no SwiftUI, so that it compiles and
// is tested on Linux against the real core. The SwiftUI app (ios/project.yml) depends on it.
//
// `HavenCore` is the uniffi-generated Swift over `libhaven_ffi`, from one of two packages of the
// bindings: on Linux bindings/swift (linking the host-built shared library, for the tests); on
// Apple platforms ios/HavenCorePackage (the XCFramework built by bindings/scripts/build-ios.sh).
import PackageDescription

#if os(Linux)
let havenCore = (dependency: Package.Dependency.package(path: "../../bindings/swift"), identity: "swift")
#else
let havenCore = (dependency: Package.Dependency.package(path: "../HavenCorePackage"), identity: "HavenCorePackage")
#endif

let package = Package(
    name: "HavenAppLogic",
    platforms: [.iOS(.v17), .macOS(.v14)],
    products: [
        .library(name: "HavenAppLogic", targets: ["HavenAppLogic"]),
    ],
    dependencies: [havenCore.dependency],
    targets: [
        .target(
            name: "HavenAppLogic",
            dependencies: [.product(name: "HavenCore", package: havenCore.identity)]
        ),
        .testTarget(
            name: "HavenAppLogicTests",
            dependencies: ["HavenAppLogic"],
            linkerSettings: linuxObservationWorkaround
        ),
    ]
)

/// Linking `Observation` on Linux with Swift 6.0 leaves symbols unresolved at link time that
/// resolve at run time (swiftlang/swift#75670).
var linuxObservationWorkaround: [LinkerSetting] {
    [.unsafeFlags(["-Xlinker", "--allow-shlib-undefined"], .when(platforms: [.linux]))]
}
