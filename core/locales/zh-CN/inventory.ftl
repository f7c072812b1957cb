## 个人信息暴露清单（issue 4）

inventory-kind-id_number = 身份证号
inventory-kind-full_name = 姓名
inventory-kind-phone = 手机号
inventory-kind-home_address = 住址
inventory-kind-work_unit = 工作单位
inventory-kind-position = 职务
inventory-kind-bank_card = 银行卡
inventory-kind-id_photo = 身份证照片
inventory-kind-email = 电子邮箱
inventory-kind-passport = 护照号
inventory-kind-payment_account = 支付账户
inventory-kind-social_account = 社交账号
inventory-kind-date_of_birth = 出生日期
inventory-kind-license_plate = 车牌号
inventory-kind-face_data = 人脸信息
inventory-kind-other = 其他信息

inventory-factor-sensitive = 属于《个人信息保护法》第二十八条规定的敏感个人信息：泄露可能造成财产或人身损害，按三倍计算。
inventory-factor-personal = 一般个人信息：按一倍计算。
inventory-factor-holders = { $count ->
    [0] 没有机构持有。
   *[other] 共有 { $count } 个持有方：多一份副本，就多一分泄露的可能。
}
inventory-factor-category-risk = 风险最高的持有方为 { $count } 级（1 级为银行、运营商、政府机关，5 级为陌生人）。
inventory-factor-breaches = { $count ->
    [0] 暂无已知泄露。
   *[other] 有 { $count } 个持有方发生过泄露：这些副本按三倍计算。
}
inventory-factor-unnecessary = { $count ->
    [0] 您认为每次提供都是必要的。
   *[other] 有 { $count } 次是在不必要的情况下提供的：按两倍计算，您可以要求删除。
}
inventory-score-summary = 您的总体暴露评分为 { $score }（满分 100）。

inventory-step-id_number = 接到能报出您身份证号的电话或短信，不能据此认定对方身份。请查询个人征信报告有无陌生贷款，并用“一证通查”核对名下手机号。
inventory-step-full_name = 骗子可能直呼您的姓名以显得正规。请通过机构官方电话核实来电。
inventory-step-phone = 可能会收到诈骗电话和短信。任何人索要验证码都不要提供；如骚扰频繁，可考虑为银行业务更换号码。
inventory-step-home_address = 警惕未下单的快递，以及自称快递员、工作人员的上门人员。
inventory-step-work_unit = 警惕冒充领导、人事的消息；涉及转账或资料的要求请当面确认。
inventory-step-position = 可能会收到利用您职务信息的定向诈骗；异常要求请通过已知渠道确认。
inventory-step-bank_card = 拨打卡片背面的银行官方电话，逐笔核对账单，开通动账提醒；发现不明交易请立即挂失换卡。
inventory-step-id_photo = 有人可能用照片开户或贷款。请向公安机关报案，并查询征信报告和名下手机号。
inventory-step-email = 修改该邮箱密码以及所有使用相同密码的账户，开启两步验证。
inventory-step-passport = 如怀疑被冒用，请向签发机关报告；留意非本人的出行预订和账户。
inventory-step-payment_account = 修改支付密码，检查已授权设备和小额免密支付，核对近期交易。
inventory-step-social_account = 修改密码并开启登录保护，提醒亲友：以您名义借钱的消息可能不是您发的。
inventory-step-date_of_birth = 不要再用出生日期作为任何密码或 PIN。
inventory-step-license_plate = 交通违法、停车缴费类消息，请只以官方“交管12123”App 为准。
inventory-step-face_data = 人脸信息无法更改：尽量关闭刷脸支付，其他场景请叠加密码验证。
inventory-step-other = 想一想这条信息能让别人做什么；如果它起到密码或钥匙的作用，请尽快更换。
inventory-breach-warning = 犯罪分子会利用泄露的信息骗取信任。对方能说出您的信息，并不代表身份真实：请挂断电话，通过官方号码回拨核实。

inventory-pattern-fraud-kit-title = { $holder } 同时持有您的身份证号、银行卡和手机号
inventory-pattern-fraud-kit-why = 这三项合在一起可以通过大多数身份核验：拿到它们的人既能冒充您找银行，也能冒充银行找您。
inventory-pattern-fraud-kit-advice = 问清对方是否确需三项信息，要求删除不需要的部分；开通银行卡动账提醒。
inventory-pattern-id-to-stranger-title = 您的身份证信息提供给了 { $holder }（个人或陌生人）
inventory-pattern-id-to-stranger-why = 个人没有保护义务。以这种方式交出的身份证号和证件照，常被用来以受害人名义贷款、开户。
inventory-pattern-id-to-stranger-advice = 要求对方删除副本，查询个人征信报告；不要把证件照片发给未经正规流程接触的人。
inventory-pattern-id-photo-on-phone-title = { $holder } 上保存着您的身份证照片
inventory-pattern-id-photo-on-phone-why = 任何获得相册权限的 App 都能读取它；手机丢失或送修时，照片也随之外流。
inventory-pattern-id-photo-on-phone-advice = 从相册和“最近删除”中彻底删除；确需保存的，请加水印注明用途并放入加密保险箱。
inventory-pattern-sensitive-unnecessary-title = { $holder } 持有您认为不必要提供的敏感信息
inventory-pattern-sensitive-unnecessary-why = 《个人信息保护法》第六条要求收集限于最小必要范围；不必要的敏感信息只会增加风险。
inventory-pattern-sensitive-unnecessary-advice = 依据《个人信息保护法》第四十七条提出删除请求：Vigil 可以为您生成请求函。

inventory-letter-item = - { $kind }：{ $masked }（{ $date } 提供）
inventory-letter-gdpr-subject = 个人数据删除请求（GDPR 第十七条）
inventory-letter-gdpr-body =
    致 { $holder }：

    根据《通用数据保护条例》（GDPR）第十七条，本人要求贵方及时删除所持有的本人个人数据，包括：
    { $items }

    请一并通知曾接收上述数据的第三方（第十九条）。根据第十二条第三款，贵方应自收到本请求之日起一个月内，即 { $due } 前答复。如拒绝，请说明理由及保留数据的法律依据。

    日期：{ $date }
inventory-letter-pipl-subject = 关于删除个人信息的请求（《个人信息保护法》第四十七条）
inventory-letter-pipl-body =
    { $holder }：

    根据《中华人民共和国个人信息保护法》第四十七条，本人要求贵方删除所持有的本人个人信息，包括：
    { $items }

    请于 15 个工作日内，即 { $due } 前完成删除并书面答复。如拒绝，请依据该法第五十条说明理由。

    日期：{ $date }
inventory-reminder-pipl = { $holder } 未答复您的删除请求，已超过期限 { $days } 天。请再次催告；仍无答复的，可向网信部门违法和不良信息举报中心（12377.cn，电话 12377）或其行业主管部门投诉。
inventory-reminder-gdpr = { $holder } 未答复您的删除请求，已超过一个月期限 { $days } 天。请再次催告；仍无答复的，可向数据保护监管机构投诉（GDPR 第七十七条）。

inventory-event-disclosed = 向 { $holder } 提供了{ $kind }
inventory-event-status = { $holder } 处的{ $kind }：{ $status }
inventory-event-breach = { $holder } 发生泄露
inventory-event-deletion-requested = 要求 { $holder } 删除您的信息
inventory-event-incident = 有人说出了您的信息（{ $kinds }）
