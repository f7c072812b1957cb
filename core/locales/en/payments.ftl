## Before you pay (issue 6)

payments-channel-sms = SMS
payments-channel-wechat = WeChat
payments-channel-weibo = Weibo
payments-channel-qq = QQ
payments-channel-email = email
payments-channel-voice-call = a voice call
payments-channel-video-call = a video call
payments-channel-in-person = in person
payments-channel-other = another channel

payments-relationship-family = family
payments-relationship-friend = a friend
payments-relationship-colleague = a colleague
payments-relationship-boss = your boss
payments-relationship-business = a business
payments-relationship-institution = an institution
payments-relationship-stranger = a stranger
payments-relationship-long-lost = someone long out of touch

payments-step-call-back = The request came by { $channel }, where anyone can pretend to be { $name }. Call back on the number saved in your payee book before this request — never a number from the message — and record the number, where you got it and what they said.
payments-step-second-party = The request comes from { $relationship }. Confirm with at least two independent people or institutions who know them, and record each one.
payments-step-account-changed = The account ends in { $new } but the last verified account ends in { $old }. A changed account is the classic fraud: call back on the saved number and confirm the new account before paying. This cannot be overridden.
payments-step-stop-and-report = The request shows signs of fraud. Stop: do not pay. If in doubt, call the anti-fraud hotline 96110, or the police on 110.
payments-step-delayed-transfer = { $amount } is above your threshold of { $threshold }. Choose next-day arrival (次日到账); an ATM transfer to someone else arrives after 24 hours and can be cancelled in that window.
payments-step-delayed-transfer-no-threshold = You have set no threshold for { $currency }, so this counts as a large sum. Choose next-day arrival (次日到账); an ATM transfer to someone else arrives after 24 hours and can be cancelled in that window.
payments-step-reverify = Before the money lands, call back again on the saved number and confirm. If anything is off, cancel with your bank at once. Due 2 hours after you send.
payments-step-reverify-due = Before the money lands, call back again on the saved number and confirm. If anything is off, cancel with your bank at once. Due { $due }; the money lands { $arrives }.

payments-flag-safe-account = Asks you to move money to a "safe account": no police, court or bank ever does this.
payments-flag-verification-code = Mentions a verification code: never give a code to anyone.
payments-flag-secrecy = Asks you to keep it secret: fraudsters isolate their victims.
payments-flag-urgency = Pushes you to hurry: pressure is how fraud works.
payments-flag-police-or-court = Invokes the police, a court or a crime: real authorities never ask for money by message or phone.
payments-flag-refund = Talks about a refund or compensation that needs a payment first.
payments-flag-investment-mentor = Talks about an investment mentor or guaranteed returns.
payments-flag-screen-sharing = Asks for screen sharing or remote control: they would see your codes.
payments-flag-card-rental = Asks to rent or use your bank card or account: that makes you part of money laundering.
payments-flag-paid-tasks = Offers paid tasks or rebates: these always end in "deposits" you lose.
payments-flag-quoted = { $description } ("{ $excerpt }")
payments-flag-reported = { $description } (as you reported it)
payments-flag-screened = { $description } (found by the message check)

payments-advice-never-share-code = Never share a verification code, with anyone, for any reason.
payments-advice-genuine-app = Pay only in your bank's genuine app or at the counter, never through a link or app someone sent you.
payments-advice-report = Report it: call the anti-fraud hotline 96110 or the police on 110, and keep the evidence pack.
payments-advice-cancel = Something is off: call your bank's official hotline now to cancel or freeze the transfer (next-day and ATM transfers can still be stopped before they land), then report it at 96110 or 110 with the evidence pack.

payments-reminder-reverify = Time to re-verify the transfer of { $amount }: call back on the saved number before it lands.
payments-reminder-reverify-last-chance = Last chance: the transfer of { $amount } lands soon and is not re-verified yet.
payments-reminder-confirm-arrival = The transfer of { $amount } should have landed: mark it completed once re-verified, or cancelled.
payments-reminder-call-back-retry = You could not reach them: try the saved number again for the request of { $amount }.
payments-reminder-cancel-now = The re-check was denied: cancel the transfer of { $amount } with your bank now.

payments-evidence-title = Evidence pack: payment request of { $amount }
payments-evidence-where = For the police (96110 / 110) or your bank. Vigil never sends it: you decide whom to give it to.
payments-evidence-request = { $at }: request by { $channel } from { $name } ({ $relationship }) for { $amount }
payments-evidence-account = { $at }: payee account { $account } { $bank }
payments-evidence-text = { $at }: message text: "{ $text }"
payments-evidence-flag = { $at }: red flag: { $detail }
payments-evidence-call = { $at }: { $step }: called { $number } (from { $source }; in the payee book before the request: { $in_book }), outcome: { $outcome }
payments-evidence-party = { $at }: { $step }: { $party }, outcome: { $outcome }
payments-evidence-choice = { $at }: { $step }: confirmed
payments-evidence-override = { $at }: overridden ({ $steps }), reason: "{ $reason }"
payments-evidence-status = { $at }: status { $status }
payments-evidence-yes = yes
payments-evidence-no = no
