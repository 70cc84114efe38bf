import Foundation

/// Writes files so readers see the old or the new content, never half of one: a temporary name, then rename.
public enum AtomicFile {
    /// Writes `text` beside `path` under a temporary name and returns that name.
    public static func prepare(_ text: String, for path: String) throws -> String {
        try prepare(ReportText(text), for: path)
    }

    /// Writes `text`, part by part, beside `path` under a temporary name and returns that name.
    public static func prepare(_ text: ReportText, for path: String) throws -> String {
        let syncs = Syncs()
        let temporary = try prepare(text, for: path, syncs: syncs)
        try syncs.wait()
        return temporary
    }

    /// `prepare`, with the file's fsync left to `syncs`: it runs on a thread of its own while the caller goes on
    /// (rendering the next report), and `syncs.wait()` says whether every file reached the disk. The render's
    /// threads waited for each fsync in turn (50 ms or more for a large report), with a core idle meanwhile.
    public static func prepare(_ text: ReportText, for path: String, syncs: Syncs) throws -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.\(name).tmp-\(getpid())"
        // Written from the parts' own bytes as they are rendered: joining a report of a million orders would double
        // its memory, and holding every part until the end would hold the whole file.
        struct WriteFailed: Error { let code: Int32 }
        // A new file of its own: a leftover of a killed run under that name, or a link put there, is removed, never
        // written through.
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        let failure: Int32? = {
            guard descriptor >= 0 else { return errno }
            // The disk starts writing each few megabytes as soon as they are written (POSIX_FADV_DONTNEED starts
            // the write-back of the range and lets its pages go once written), so that the fsync waits for the end
            // of the file, not for all of it: the reports of a million orders are 130 MB.
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
            return nil
        }()
        if let failure {
            if descriptor >= 0 { close(descriptor) }
            unlink(temporary)
            throw writeError(path, failure)
        }
        syncs.sync(descriptor, temporary: temporary, path: path)
        return temporary
    }

    /// The error for a report that could not be written, with what to do about it.
    fileprivate static func writeError(_ path: String, _ failure: Int32) -> UserFacingError {
        UserFacingError(
            description: "\(path): cannot write the report: \(String(cString: strerror(failure))) (\(hint(failure)))")
    }

    /// What to do when a report directory refuses a write with `failure` (an `errno`).
    public static func hint(_ failure: Int32) -> String {
        failure == ENOSPC || failure == EDQUOT
            ? "free some disk space or pass another --out"
            : failure == EACCES || failure == EROFS || failure == EPERM
                ? "check the directory is writable or pass another --out"
                : "check the directory and the disk"
    }

    /// Files written and being flushed to the disk (fsync, then closed), each on a thread of its own.
    public final class Syncs: @unchecked Sendable {
        private let group = DispatchGroup()
        private let lock = NSLock()
        private var failures: [(temporary: String, path: String, code: Int32)] = []

        /// None started yet.
        public init() {}

        /// Flushes and closes `descriptor` (the file `temporary`, for `path`) in the background.
        public func sync(_ descriptor: Int32, temporary: String, path: String) {
            DispatchQueue.global(qos: .userInitiated).async(group: group) {
                let code: Int32? = fsync(descriptor) == 0 ? nil : errno
                close(descriptor)
                if let code { self.lock.withLock { self.failures.append((temporary, path, code)) } }
            }
        }

        /// Waits for every file to reach the disk; throws for the first that did not (its temporary file removed).
        public func wait() throws {
            group.wait()
            guard let failure = lock.withLock({ failures.first }) else { return }
            for failed in lock.withLock({ failures }) { unlink(failed.temporary) }
            throw AtomicFile.writeError(failure.path, failure.code)
        }
    }

    /// Bytes written between two starts of write-back.
    public static let writeBackStep = 8 << 20

    /// Moves a prepared file into place.
    public static func commit(_ temporary: String, to path: String) throws {
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw UserFacingError(description: "\(path): cannot replace the report: \(reason)")
        }
    }

    /// Both at once.
    public static func write(_ text: String, to path: String) throws {
        try commit(try prepare(text, for: path), to: path)
    }

    /// Points `link` at `target` atomically (a new link renamed over the old one).
    public static func link(_ link: String, to target: String) throws {
        let temporary = link + ".tmp-\(getpid())"
        unlink(temporary)
        guard symlink(target, temporary) == 0, rename(temporary, link) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw UserFacingError(description: "\(link): cannot update the link: \(reason)")
        }
    }
}
