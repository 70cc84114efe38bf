import Foundation
import ShipAuditCSV
import ShipAuditCore
import ShipAuditStorage

/// A lock file beside the history, so two nightly runs never overlap. Held (flock) until the process exits; a
/// second run finds it taken and stops with its own exit code.
final class RunLock {
    private let descriptor: Int32

    /// Takes the lock or throws `RunLock.Busy` naming the holder.
    init(path: String) throws {
        descriptor = open(path, O_CREAT | O_RDWR, 0o644)
        guard descriptor >= 0 else {
            throw UserFacingError(
                description:
                    "\(path): cannot create the lock file: \(String(cString: strerror(errno))) (check the directory is writable)"
            )
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder =
                (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                ?? ""
            close(descriptor)
            throw Busy(path: path, holder: holder)
        }
        ftruncate(descriptor, 0)
        let note = "pid \(getpid()) since \(ReportJSONWriter.timestamp(Date()))\n"
        _ = note.withCString { write(descriptor, $0, strlen($0)) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Another run holds the lock.
    struct Busy: Error, CustomStringConvertible {
        let path: String
        let holder: String
        var description: String {
            "another shipaudit run holds \(path)\(holder.isEmpty ? "" : " (\(holder))"); this run did nothing (wait for it to finish, or remove a stale lock only if no shipaudit is running)"
        }
    }
}
