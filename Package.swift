// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "zhengwu",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "zhengwu", targets: ["zhengwu"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
    ],
    targets: [
        // Pure domain rules: no Vapor, no database, no clock reads.
        .target(name: "ZhengwuCore", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "ZhengwuApp",
            dependencies: [
                "ZhengwuCore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "SQLKit", package: "sql-kit"),
            ]
        ),
        .executableTarget(name: "zhengwu", dependencies: ["ZhengwuApp"]),
        // Run by hand (bench/run): durable submissions per second, and a guide page against a
        // hello-world route of the same server.
        .executableTarget(name: "zhengwu-bench", dependencies: [
            "ZhengwuApp", .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
        ]),
        .testTarget(name: "ZhengwuCoreTests", dependencies: ["ZhengwuCore"]),
        .testTarget(
            name: "ZhengwuAppTests",
            dependencies: [
                "ZhengwuApp",
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
    ]
)
