## 转账前核验（issue 6）

payments-channel-sms = 短信
payments-channel-wechat = 微信
payments-channel-weibo = 微博
payments-channel-qq = QQ
payments-channel-email = 电子邮件
payments-channel-voice-call = 语音电话
payments-channel-video-call = 视频通话
payments-channel-in-person = 当面
payments-channel-other = 其他渠道

payments-relationship-family = 家人
payments-relationship-friend = 朋友
payments-relationship-colleague = 同事
payments-relationship-boss = 领导
payments-relationship-business = 商家
payments-relationship-institution = 机构
payments-relationship-stranger = 陌生人
payments-relationship-long-lost = 久未联系的熟人

payments-step-call-back = 这个请求来自{ $channel }，任何人都可能冒充{ $name }。请拨打在本次请求之前就保存在收款人名册里的号码回电核实——绝不要用消息里给的号码——并记录所拨号码、号码来源和对方的答复。
payments-step-second-party = 请求来自{ $relationship }。请向至少两位互不相关、认识对方的人或机构核实，并逐一记录。
payments-step-account-changed = 收款账户尾号为 { $new }，而上次核实的账户尾号为 { $old }。更换账户是典型骗局：付款前请拨打已保存的号码回电，确认新账户。此项不能跳过。
payments-step-stop-and-report = 这个请求有诈骗迹象。请停止，不要付款。如有疑问，请拨打反诈专线 96110，或报警 110。
payments-step-delayed-transfer = { $amount } 超过了您设定的阈值 { $threshold }。请选择“次日到账”；在 ATM 向他人转账 24 小时后才到账，期间可以撤销。
payments-step-delayed-transfer-no-threshold = 您没有为 { $currency } 设定阈值，因此按大额处理。请选择“次日到账”；在 ATM 向他人转账 24 小时后才到账，期间可以撤销。
payments-step-reverify = 到账之前，请再次拨打已保存的号码核实。发现任何异常，立即联系银行撤销。转账后 2 小时到期。
payments-step-reverify-due = 到账之前，请再次拨打已保存的号码核实。发现任何异常，立即联系银行撤销。到期时间 { $due }；到账时间 { $arrives }。

payments-flag-safe-account = 要求把钱转到“安全账户”：公安、法院和银行从不这样做。
payments-flag-verification-code = 提到验证码：任何情况下都不要把验证码告诉别人。
payments-flag-secrecy = 要求您保密：骗子会让受害人与家人隔绝。
payments-flag-urgency = 催促您赶快：制造紧迫感是诈骗的惯用手法。
payments-flag-police-or-court = 冒用公安、法院或案件名义：真正的执法机关不会通过短信或电话要钱。
payments-flag-refund = 谈到需要先付款的退款或理赔。
payments-flag-investment-mentor = 谈到投资导师或稳赚不赔的回报。
payments-flag-screen-sharing = 要求屏幕共享或远程控制：对方会看到您的验证码。
payments-flag-card-rental = 要求出租或借用您的银行卡或账户：这会让您卷入洗钱。
payments-flag-paid-tasks = 提供刷单返利或有偿任务：最后都会以“押金”骗走您的钱。
payments-flag-quoted = { $description }（“{ $excerpt }”）
payments-flag-reported = { $description }（您报告的情况）
payments-flag-screened = { $description }（消息检测发现）

payments-advice-never-share-code = 任何情况下都不要把验证码告诉任何人。
payments-advice-genuine-app = 只在银行官方 App 或柜台转账，不要使用别人发来的链接或 App。
payments-advice-report = 请报案：拨打反诈专线 96110 或报警 110，并保留证据包。
payments-advice-cancel = 情况有异：请立即拨打银行官方客服电话撤销或冻结这笔转账（次日到账和 ATM 转账在到账前仍可拦截），然后带上证据包拨打 96110 或 110 报案。

payments-reminder-reverify = 该再次核实 { $amount } 的转账了：请在到账前拨打已保存的号码回电。
payments-reminder-reverify-last-chance = 最后机会：{ $amount } 的转账即将到账，但还没有再次核实。
payments-reminder-confirm-arrival = { $amount } 的转账应已到账：再次核实后标记为完成，或标记为已撤销。
payments-reminder-call-back-retry = 上次没有联系上：请再拨一次已保存的号码，核实 { $amount } 的请求。
payments-reminder-cancel-now = 再次核实被对方否认：请立即联系银行撤销 { $amount } 的转账。

payments-evidence-title = 证据包：{ $amount } 的付款请求
payments-evidence-where = 供公安（96110 / 110）或银行使用。Vigil 从不自动发送，由您决定交给谁。
payments-evidence-request = { $at }：{ $name }（{ $relationship }）通过{ $channel }请求 { $amount }
payments-evidence-account = { $at }：收款账户 { $account } { $bank }
payments-evidence-text = { $at }：消息内容：“{ $text }”
payments-evidence-flag = { $at }：诈骗迹象：{ $detail }
payments-evidence-call = { $at }：{ $step }：拨打 { $number }（来源：{ $source }；请求前已在收款人名册中：{ $in_book }），结果：{ $outcome }
payments-evidence-party = { $at }：{ $step }：{ $party }，结果：{ $outcome }
payments-evidence-choice = { $at }：{ $step }：已确认
payments-evidence-override = { $at }：已跳过（{ $steps }），理由：“{ $reason }”
payments-evidence-status = { $at }：状态 { $status }
payments-evidence-yes = 是
payments-evidence-no = 否
