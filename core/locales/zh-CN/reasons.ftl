## 输入被拒绝的原因：error-invalid-input 中的 $detail。参数只有上限、数量、行号、格式中的代码
## 以及其他 reason-field-* 消息，绝不包含用户填写的值。

# 连接多条原因（导入的各处问题）。
reason-list-separator = ；
reason-unknown-code = 未知的{ $field }（可选值：{ $expected }）
reason-text-too-long = { $field }超过 { $max } 个字符
reason-text-length = { $field }须为 1 到 { $max } 个字符，且不含控制字符

## 字段名称，用在上面的原因中
reason-field-label = 标签
reason-field-website = 网站
reason-field-phone = 电话
reason-field-notes = 备注
reason-field-note = 备注
reason-field-purpose = 用途
reason-field-evidence = 证据
reason-field-detail-kind = 信息类型
reason-field-holder-category = 持有方类别
reason-field-disclosure-channel = 提供渠道
reason-field-disclosure-status = 提供状态
reason-field-name = 名称
reason-field-bank = 银行
reason-field-request-text = 请求内容
reason-field-relationship = 关系
reason-field-phone-source = 号码来源
reason-field-red-flag = 风险信号
reason-field-flag-origin = 信号来源
reason-field-reminder = 提醒
reason-field-channel = 渠道
reason-field-step = 步骤
reason-field-status = 状态
reason-field-step-state = 步骤状态
reason-field-outcome = 结果
reason-field-number-source = 号码来源
reason-field-a-party = 确认人
reason-field-a-number = 电话号码
reason-field-a-number-or-party = 电话号码或确认人
reason-field-number-called = 所拨打的号码
reason-field-where-number-from = 号码的来源
reason-field-call-outcome = 通话结果
reason-field-who-confirmed = 确认人
reason-field-the-outcome = 结果

## 识别
reason-link-empty = 链接为空
reason-link-too-long = 链接过长
reason-not-a-link = 这不是链接
reason-link-no-host = 链接缺少主机名

## 个人信息清单：信息
reason-value-empty = { $kind }的值为空
reason-value-too-long = { $kind }的值超过 { $max } 个字符
reason-id-number-length = 身份证号须为 18 位（GB 11643）
reason-id-number-digits = 身份证号须为 17 位数字加 1 位数字或 X（GB 11643）
reason-id-number-birth-date = 身份证号中的出生日期不存在（GB 11643）
reason-id-number-check-digit = 身份证号校验码不符（GB 11643）
reason-bank-card-length = 银行卡号须为 12 到 19 位数字
reason-bank-card-luhn = 银行卡号未通过 Luhn 校验
reason-phone-digits-only = 电话号码只能包含数字，开头可带 +
reason-phone-country-code = 电话号码须为大陆手机号，或以 + 和国家代码开头（E.164）
reason-phone-length = 电话号码连同国家代码须为 8 到 15 位数字（E.164）
reason-phone-mainland-mobile = 电话号码：大陆手机号为 11 位，以 13–19 开头
reason-email-at = 电子邮箱须包含 @
reason-email-format = 电子邮箱格式应类似 name@example.com
reason-date-of-birth = 出生日期须为真实日期，格式为 YYYY-MM-DD
reason-other-needs-label = “其他”类信息需要填写标签

## 个人信息清单：持有方、提供记录、溯源、删除请求
reason-holder-name-empty = 持有方名称为空
reason-holder-name-too-long = 持有方名称超过 { $max } 个字符
reason-website-invalid = 网站不是有效的域名或网址
reason-website-ip = 网站须为域名，不能是 IP 地址
reason-website-no-registrable-domain = 网站没有可注册的域名
reason-holder-phone = 持有方电话须为 3 到 20 位数字，开头可带 +
reason-date-format = 日期须为真实日期，格式为 YYYY-MM-DD
reason-quote-nothing = 请至少提供一种信息类型或一个值
reason-law-unknown = 法律只能是 pipl 或 gdpr
reason-nothing-to-delete = 该持有方已没有需要删除的信息
reason-request-close-outcome = 请求只能以“已完成”或“已拒绝”结束

## 个人信息清单：导入
reason-import-too-large = 文件超过 { $max } 字节
reason-import-unknown-column = 未知的列（可用列：{ $expected }）
reason-import-csv-header = 无法读取 CSV 表头
reason-import-no-record-column = 表头须包含 record 列
reason-import-csv-row = CSV 行格式错误（字段数不对或引号有误）
reason-import-json-array = JSON 导入内容须为对象数组
reason-import-json-object = 每个元素须为 JSON 对象
reason-import-json-value = 值只能是字符串、数字或布尔值
reason-import-json-separator = 元素后应为 , 或 ]
reason-import-json-trailing = 数组后有多余内容
reason-import-bool = { $column } 须为 true 或 false
reason-import-ref-twice = 本文件中 ref 重复使用
reason-import-record = record 须为 detail、holder 或 disclosure
reason-import-column-not-for-record = { $column } 列不适用于 { $record } 行
reason-import-column-required = 缺少 { $column }
reason-import-unknown-ref = 未知的 { $record }（既不是文件中前面定义的 ref，也不是已有的 ID）
reason-import-row-refused = 该行被拒绝（{ $code }）
reason-import-line = 第 { $line } 行：{ $problem }
reason-import-more = 另有 { $count } 处
reason-import-rejected = 导入被拒绝，未导入任何内容：{ $problems }
reason-import-no-rows = 文件中没有数据行

## 转账核验
reason-step-not-required = 此次核验不需要这一步
reason-stop-needs-override = 只有填写理由的手动放行才能解除 stop_and_report
reason-step-needs = 这一步需要{ $what }
reason-step-refuses = 这一步不需要{ $what }
reason-requester-self-confirm = 请求人不能确认自己的请求
reason-step-confirm-only = 这一步只能标记为已确认
reason-override-reason-length = 手动放行须填写 { $min } 到 { $max } 个字符的理由
reason-payee-phone-chars = 电话号码只能包含数字、空格、+、-、( 和 )
reason-payee-phone-length = 电话号码须为 3 到 17 位数字
reason-account-chars = 账号只能包含字母、数字、空格和 -
reason-account-length = 账号须为 6 到 34 位字母或数字
reason-bank-without-account = 填写了银行但没有账号
reason-payee-number-known = 该号码已在此收款人的记录中
reason-currency = 货币不是 ISO 4217 代码
reason-amount-positive = 金额须大于零
reason-amount-format = 金额须为普通小数，例如 5000.00
reason-amount-too-large = 金额过大
reason-amount-decimals = 金额的小数位数超过该货币允许的位数
reason-relationship-required = 填写姓名时须同时填写关系
reason-payee-or-name = 收款人 ID 和姓名只能二选一

## 预警
reason-signature-not-text = 签名不是文本
reason-not-a-url = 这不是网址
reason-feed-https = 订阅源只能通过 https 获取
reason-push-not-vigil = 推送内容不是 Vigil 推送对象
reason-push-version = 不支持的推送内容版本
reason-push-no-cap = 预警推送缺少 CAP 内容
reason-push-type = 未知的推送类型
reason-scope-entry = 范围条目须为发送方或 @域名，且不含空格
reason-publisher-name = 发布者需要名称
reason-key-already-trusted = 此密钥已在信任列表中
reason-sms-empty = 短信内容为空

## 命令行与 FFI 参数
reason-cli-locale = --locale 只能是 zh-CN 或 en
reason-cli-now = --now 须为 RFC 3339 格式的日期时间
reason-cli-passphrase-stdin = 无法从标准输入读取口令
reason-cli-no-terminal = 没有可用于输入密码的终端（请改用 { $alternative }）
reason-cli-passphrase-short = 口令至少需要 { $min } 个字符
reason-cli-detail-or-kind = 请指定 --detail 或 --kind
reason-cli-value-format = --value 的格式须为 KIND=VALUE
reason-cli-outcome = --outcome 只能是 completed 或 refused
reason-cli-detail-or-holder = 请指定 --detail 或 --holder
reason-cli-import-utf8 = 导入文件不是 UTF-8 文本，无法读取
reason-cli-import-format = --format 只能是 csv 或 json（或使用 .csv/.json 文件）
reason-cli-signature-file = 签名文件不是文本
reason-cli-received = --received 须为 RFC 3339 格式的日期时间
reason-cli-key-file = 密钥文件不是文本
reason-cli-cap-category = 未知的 CAP 类别
reason-cli-severity = 未知的严重程度（Extreme、Severe、Moderate、Minor）
reason-cli-family = 未知的诈骗类型代码
reason-utc-offset = UTC 偏移量超出范围

# 未找到的对象（`Error::NotFound`），用于 error-not-found。
reason-thing-alert = 预警
reason-thing-check = 转账核查
reason-thing-deletion-request = 删除请求
reason-thing-detail = 个人信息项
reason-thing-disclosure = 提供记录
reason-thing-feed-source = 订阅源
reason-thing-file = 文件
reason-thing-holder = 持有方
reason-thing-payee = 收款人
reason-thing-publisher = 发布方
reason-thing-vault = 保险库（请先运行 `vigil init`）

# 预警订阅：CAP 文档、minisign 签名或下载被拒绝的原因。
reason-cap-not-utf8 = 文档不是 UTF-8 编码
reason-cap-malformed-xml = XML 格式错误
reason-cap-doctype = 不接受 DOCTYPE 声明
reason-cap-unknown-entity = XML 使用了未声明的实体
reason-cap-too-complex = XML 嵌套过深或元素过多
reason-cap-empty = 文档没有根元素
reason-cap-not-cap = 文档不是 CAP 1.1/1.2 预警，也不是 Atom 订阅源
reason-cap-missing = 缺少必需的元素 <{ $element }>
reason-cap-invalid = 元素 <{ $element }> 的值无效
reason-cap-atom-content = Atom 条目中没有内嵌的 CAP 预警
reason-minisign-malformed = minisign { $part } 格式错误
reason-minisign-legacy = 旧式（非预哈希）签名
reason-minisign-other-key = 由其他密钥签名
reason-minisign-mismatch = 签名与内容不符
reason-minisign-comment-tampered = 可信注释与其全局签名不符
reason-minisign-comment-field = 可信注释缺少有效的 { $field }
reason-network-connection-failed = 连接失败
reason-network-connection-broke = 连接中断
reason-network-certificate = 服务器证书不受信任
reason-network-http-status = 服务器返回 HTTP { $status }
reason-network-unexpected-not-modified = 服务器对签名文件返回了“未修改”

# Error::InvalidTransition：从一个状态代码到另一个。
reason-transition = 无法从 { $from } 变为 { $to }

# 收款人名册。
reason-payee-number-unknown = 该收款人没有这个回拨号码
reason-payee-last-number = 收款人至少要保留一个回拨号码
reason-payee-in-open-check = 仍有未结束的核查依赖此收款人；请先完成或放弃该核查
