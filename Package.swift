// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "shipaudit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "shipaudit", targets: ["shipaudit"]),
        .library(name: "ShipAuditCore", targets: ["ShipAuditCore"]),
    ],
    dependencies: [
        // The command line: subcommands, typed options, generated --help.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The config file (TOML).
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // Levelled logs on stderr for the nightly job.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // libcsv from the system (Debian: libcsv-dev). Only ShipAuditCSV imports it.
        .systemLibrary(
            name: "CLibCSV",
            providers: [.apt(["libcsv-dev"])]
        ),
        // SQLite from the system (Debian: libsqlite3-dev), for the history of flags across nightly runs.
        .systemLibrary(
            name: "CSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // libcrypto from the system (Debian: libssl-dev), for the inputs' SHA-256 checksums in the history.
        .systemLibrary(
            name: "CCrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // glibc's malloc tuning (malloc.h, which the Glibc module does not bring in), for the command's start; and
        // a cache prefetch hint, for the read stage's lookups in large tables.
        .systemLibrary(name: "CMalloc"),
        // The machinery: paged arrays, the byte-key index, packed values, text tables, JSON and byte writers, the
        // SQLite handle. Generic; knows nothing of orders. Its code is offered to the modules above for inlining.
        .target(
            name: "ShipAuditStorage",
            dependencies: ["CMalloc", "CSQLite"],
            swiftSettings: [.unsafeFlags(["-cross-module-optimization"])]
        ),
        // The CSV reader (the only importer of libcsv), cells' byte fast paths, decoding, file positions and input
        // problems.
        .target(
            name: "ShipAuditCSV",
            dependencies: ["CLibCSV", "CCrypto", "ShipAuditStorage"],
            swiftSettings: [.unsafeFlags(["-cross-module-optimization"])]
        ),
        // The domain: profiles, config, matching, promise, tracking, rules, reports, history. No pointers here.
        .target(
            name: "ShipAuditCore",
            dependencies: [
                "ShipAuditCSV",
                "ShipAuditStorage",
                "CMalloc",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .executableTarget(
            name: "shipaudit",
            dependencies: [
                "ShipAuditCore",
                "ShipAuditCSV",
                "ShipAuditStorage",
                "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // libFuzzer target for the reader and loaders (scripts/fuzz.sh); a corpus replay tool in normal builds.
        .executableTarget(
            name: "ShipAuditFuzz",
            dependencies: ["ShipAuditCore", "ShipAuditCSV", "ShipAuditStorage"]
        ),
        .testTarget(
            name: "ShipAuditCoreTests",
            dependencies: ["ShipAuditCore", "ShipAuditCSV", "ShipAuditStorage"],
            exclude: ["Fixtures"]
        ),
        // Runs the built binary: exit codes, stderr text, files written, --help, golden reports for samples/.
        .testTarget(
            name: "ShipAuditEndToEndTests",
            dependencies: ["shipaudit", "ShipAuditFuzz"],
            exclude: ["Fixtures"]
        ),
    ]
)
