import CCrypto
import Foundation

/// The SHA-256 of a stream of bytes, by the system's libcrypto (OpenSSL): the digest `sha256sum` prints for the same
/// file, so a run's recorded inputs can be confirmed with standard tools.
public final class SHA256Stream {
    private let context: OpaquePointer?
    private var failed = false
    private var digest: String?

    /// A digest of nothing yet.
    public init() {
        context = EVP_MD_CTX_new()
        if context == nil || EVP_DigestInit_ex(context, EVP_sha256(), nil) != 1 { failed = true }
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Adds the next bytes of the stream.
    public func add(_ bytes: UnsafeRawBufferPointer) {
        guard !failed, let base = bytes.baseAddress, !bytes.isEmpty else { return }
        if EVP_DigestUpdate(context, base, bytes.count) != 1 { failed = true }
    }

    /// The digest of the bytes added so far, as 64 lower-case hex digits ("" if libcrypto failed); ends the
    /// stream: bytes added after it are ignored, and it gives the same digest again.
    public func finish() -> String {
        if let digest { return digest }
        var bytes = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let done = !failed && EVP_DigestFinal_ex(context, &bytes, &length) == 1
        failed = true
        let hex = done ? bytes.prefix(Int(length)).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() : ""
        digest = hex
        return hex
    }

    /// The SHA-256 of `data`, in hex.
    public static func hex(of data: Data) -> String {
        let stream = SHA256Stream()
        data.withUnsafeBytes { stream.add($0) }
        return stream.finish()
    }
}
