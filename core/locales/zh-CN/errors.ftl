error-wrong-passphrase = 口令或密钥错误，未做任何更改。
error-tampered = { $table ->
    [backup] 备份文件已损坏或被改动（位置 { $id }），例如复制中断导致文件不完整。未导入任何内容。
   *[other] 一条存储的记录未通过完整性校验（{ $table } / { $id }），可能被篡改或损坏；其他记录仍可读取。
}
error-invalid-input = 输入无效：{ $detail }
error-not-found = 未找到：{ $detail }
error-already-exists = 已存在：{ $detail }
error-locked = 保险库已锁定，请先解锁。
error-key-unavailable = 设备密钥暂时不可用（例如手机处于锁定状态）。请稍后重试或使用口令。
error-key-provider-failed = 设备密钥已无法打开此保险库，请使用口令或恢复码。
error-incompatible-version = 此保险库由更新版本的 Vigil 写入。请更新应用；未做任何更改。
error-not-a-vault = 此文件不是 Vigil 保险库，或已损坏无法读取。未做任何更改。
error-disk-full = 磁盘已满。没有数据丢失；请释放空间后重试。
error-storage = 存储出错：{ $detail }
error-invalid-transition = 当前无法执行此步骤：{ $detail }
error-signature-invalid = 签名不匹配：此内容不可信。
error-legacy-signature = 不接受旧式（非预哈希）签名。
error-unknown-key = 签名所用的密钥未被信任。
error-out-of-scope = 该发布者无权代表此发送方发布。
error-rollback = 此订阅源比已收到的更旧（可能是重放的旧数据）。
error-fast-forward = 此订阅源的序号跳跃过大，不可信。
error-feed-expired = 此订阅源已过期，预警可能已过时。
error-too-large = 内容超过允许的大小。
error-timeout = 服务器响应太慢。
error-network = 网络错误：{ $detail }
error-internal = 内部错误：{ $detail }
error-trusted-comment-tampered = 此订阅源的签名信息（序号、有效期）被篡改，不可信。
error-key-revoked = 该发布者的密钥已被撤销，其内容不再可信。
error-unsigned = 未签名的内容不会作为可信预警显示。
