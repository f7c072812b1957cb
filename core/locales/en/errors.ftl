error-wrong-passphrase = Wrong passphrase or key. Nothing was changed.
error-tampered = { $table ->
    [backup] The backup file is damaged or was altered (at { $id }), for instance cut short by an interrupted copy. Nothing was imported.
   *[other] A stored record failed its integrity check ({ $table } / { $id }). It may have been altered or damaged; other records stay readable.
}
error-invalid-input = Invalid input: { $detail }
error-not-found = Not found: { $detail }
error-already-exists = Already exists: { $detail }
error-locked = The vault is locked. Unlock it first.
error-key-unavailable = The device key is not available right now (for example, the phone is locked). Try again later or use your passphrase.
error-key-provider-failed = The device key can no longer open this vault. Use your passphrase or recovery code.
error-incompatible-version = This vault was written by a newer version of Vigil. Update the app; nothing was changed.
error-not-a-vault = This file is not a Vigil vault, or it is damaged beyond reading. Nothing was changed.
error-disk-full = The disk is full. Nothing was lost; free some space and try again.
error-storage = A storage error occurred: { $detail }
error-invalid-transition = That step is not possible now: { $detail }
error-signature-invalid = The signature does not match: this content is not trusted.
error-legacy-signature = Legacy (non-prehashed) signatures are not accepted.
error-unknown-key = Signed with a key you have not trusted.
error-out-of-scope = This publisher may not speak for that sender.
error-rollback = This feed is older than one already seen (possible replay of old data).
error-fast-forward = This feed's sequence number jumps too far ahead to be trusted.
error-feed-expired = This feed has expired; the alerts may be stale.
error-too-large = The content is larger than allowed.
error-timeout = The server was too slow to answer.
error-network = A network error occurred: { $detail }
error-internal = An internal error occurred: { $detail }
error-trusted-comment-tampered = The signed details of this feed (sequence, expiry) were altered: it is not trusted.
error-key-revoked = This publisher's key was revoked: its content is no longer trusted.
error-unsigned = Unsigned content is never shown as a trusted alert.
