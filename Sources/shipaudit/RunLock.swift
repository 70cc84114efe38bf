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
        // Never through a link: a lock file that is a link to an export would have the export emptied.
        descriptor = open(path, O_CREAT | O_RDWR | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            if errno == ELOOP {
                throw UserFacingError(
                    description:
                        "\(path): the lock file is a symbolic link; shipaudit never writes through one (remove the link)"
                )
            }
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
        // A hard link to another file is a file of more than one name: not emptied either.
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_nlink > 1 || status.st_mode & S_IFMT != S_IFREG {
            close(descriptor)
            throw UserFacingError(
                description:
                    "\(path): the lock file is also another file (a hard link or not a plain file); remove it and run again"
            )
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

/// Where a history's lock lives: beside the history's real file, so every path that reaches one history (a link, a
/// relative path) takes the same lock.
enum HistoryLocation {
    static func lockPath(for history: String) -> String {
        let url = URL(fileURLWithPath: history)
        // The history itself may not exist yet: its directory is resolved, and the link the name may be.
        let directory = url.deletingLastPathComponent().resolvingSymlinksInPath()
        let resolved = url.resolvingSymlinksInPath()
        let real =
            resolved.path != url.path
            ? resolved : directory.appendingPathComponent(url.lastPathComponent)
        return real.path + ".lock"
    }
}
