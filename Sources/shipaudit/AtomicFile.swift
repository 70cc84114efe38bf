import Foundation
import ShipAuditCore

/// Writes files so readers see the old or the new content, never half of one: a temporary name, then rename.
enum AtomicFile {
    /// Writes `text` beside `path` under a temporary name and returns that name.
    static func prepare(_ text: String, for path: String) throws -> String {
        try prepare(ReportText(text), for: path)
    }

    /// Writes `text`, part by part, beside `path` under a temporary name and returns that name.
    static func prepare(_ text: ReportText, for path: String) throws -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.\(name).tmp-\(getpid())"
        // Written from the parts' own bytes as they are rendered: joining a report of a million orders would double
        // its memory, and holding every part until the end would hold the whole file.
        struct WriteFailed: Error { let code: Int32 }
        let failure: Int32? = {
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { return errno }
            defer { close(descriptor) }
            // The disk starts writing each few megabytes as soon as they are written (POSIX_FADV_DONTNEED starts
            // the write-back of the range and lets its pages go once written), so that the fsync below waits for
            // the end of the file, not for all of it: the reports of a million orders are 130 MB.
            var total = 0, handed = 0
            do {
                try text.forEachPart { part in
                    let failed: Int32? = part.withUnsafeBufferPointer { bytes in
                        var offset = 0
                        while offset < bytes.count {
                            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                            if written < 0 {
                                if errno == EINTR { continue }
                                return errno
                            }
                            offset += written
                        }
                        return nil
                    }
                    if let failed { throw WriteFailed(code: failed) }
                    total += part.count
                    if total - handed >= writeBackStep {
                        _ = posix_fadvise(descriptor, off_t(handed), off_t(total - handed), POSIX_FADV_DONTNEED)
                        handed = total
                    }
                }
            } catch let failed as WriteFailed {
                return failed.code
            } catch {
                return EIO
            }
            return fsync(descriptor) == 0 ? nil : errno
        }()
        if let failure {
            unlink(temporary)
            let hint = failure == ENOSPC || failure == EDQUOT ? "free some disk space or pass another --out"
                : failure == EACCES || failure == EROFS || failure == EPERM ? "check the directory is writable or pass another --out"
                : "check the directory and the disk"
            throw UserFacingError(description: "\(path): cannot write the report: \(String(cString: strerror(failure))) (\(hint))")
        }
        return temporary
    }

    /// Bytes written between two starts of write-back.
    static let writeBackStep = 8 << 20

    /// Moves a prepared file into place.
    static func commit(_ temporary: String, to path: String) throws {
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw UserFacingError(description: "\(path): cannot replace the report: \(reason)")
        }
    }

    /// Both at once.
    static func write(_ text: String, to path: String) throws {
        try commit(try prepare(text, for: path), to: path)
    }

    /// Points `link` at `target` atomically (a new link renamed over the old one).
    static func link(_ link: String, to target: String) throws {
        let temporary = link + ".tmp-\(getpid())"
        unlink(temporary)
        guard symlink(target, temporary) == 0, rename(temporary, link) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw UserFacingError(description: "\(link): cannot update the link: \(reason)")
        }
    }
}
