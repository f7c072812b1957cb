## Exposure inventory (issue 4)

inventory-kind-id_number = ID number
inventory-kind-full_name = Full name
inventory-kind-phone = Phone number
inventory-kind-home_address = Home address
inventory-kind-work_unit = Workplace
inventory-kind-position = Job title
inventory-kind-bank_card = Bank card
inventory-kind-id_photo = ID card photo
inventory-kind-email = E-mail address
inventory-kind-passport = Passport number
inventory-kind-payment_account = Payment account
inventory-kind-social_account = Social media account
inventory-kind-date_of_birth = Date of birth
inventory-kind-license_plate = Licence plate
inventory-kind-face_data = Face data
inventory-kind-other = Other detail

inventory-factor-sensitive = Sensitive personal information under PIPL Art. 28: a leak can cost money or safety, so it counts three times.
inventory-factor-personal = Ordinary personal information: it counts once.
inventory-factor-holders = { $count ->
    [0] Nobody holds it.
    [one] One holder has it.
   *[other] { $count } holders have it: every copy is another chance to leak.
}
inventory-factor-category-risk = The riskiest holder scores { $count } on a scale of 1 (bank, carrier, government) to 5 (stranger).
inventory-factor-breaches = { $count ->
    [0] No known breach.
    [one] One holder that had it was breached: that copy counts three times.
   *[other] { $count } holders that had it were breached: those copies count three times.
}
inventory-factor-unnecessary = { $count ->
    [0] You marked every disclosure necessary.
   *[other] You gave it { $count } times where it was not needed: those count double, and you can ask for deletion.
}
inventory-score-summary = Your overall exposure is { $score } out of 100.

inventory-step-id_number = Expect calls and messages quoting your ID number: that proves nothing about the caller. Check your credit report for loans you did not take, and use 一证通查 to see phone numbers registered in your name.
inventory-step-full_name = Fraudsters may greet you by name to sound official. Verify any caller through the organisation's official number.
inventory-step-phone = Expect scam calls and texts. Never read out verification codes; consider a new number for banking if calls become frequent.
inventory-step-home_address = Be wary of parcels you did not order and of visitors claiming to be couriers or officials.
inventory-step-work_unit = Expect "your boss" or "HR" impersonation; confirm money or data requests in person.
inventory-step-position = Expect targeted messages that use your job title; confirm unusual requests through a known channel.
inventory-step-bank_card = Call your bank on the number printed on the card, watch every statement, set transaction alerts, and ask for a new card if payments you do not recognise appear.
inventory-step-id_photo = Someone may try to open accounts or take loans with the photo. Report it to the police, and check your credit report and registered phone numbers.
inventory-step-email = Change the password of this mailbox and of every account using the same password; turn on two-step login.
inventory-step-passport = Report the passport number to the issuing authority if you suspect misuse; watch for travel bookings and accounts you did not make.
inventory-step-payment_account = Change the payment password, check authorised devices and small-amount password-free payments, and review recent transactions.
inventory-step-social_account = Change the password, turn on login protection, and warn friends that messages asking for money may not come from you.
inventory-step-date_of_birth = Stop using your birth date as a password or PIN anywhere.
inventory-step-license_plate = Ignore messages about traffic fines or parking that do not come from the official 交管12123 app.
inventory-step-face_data = Face data cannot be changed: turn off face payment where you can and add a PIN to it elsewhere.
inventory-step-other = Think about what this detail lets someone do, and change it if it works as a password or key.
inventory-breach-warning = Criminals use leaked details to sound trustworthy. A caller who knows your details is not proven genuine: hang up and call back on the official number.

inventory-pattern-fraud-kit-title = { $holder } has your ID number, bank card and phone together
inventory-pattern-fraud-kit-why = These three together pass most identity checks: whoever gets them can pose as you to the bank, or as the bank to you.
inventory-pattern-fraud-kit-advice = Ask whether they need all three; request deletion of what they do not. Set card transaction alerts.
inventory-pattern-id-to-stranger-title = Your ID was given to { $holder }, a private person or stranger
inventory-pattern-id-to-stranger-why = A private person has no duty to protect it. ID numbers and ID photos given this way are the usual start of loans and accounts opened in the victim's name.
inventory-pattern-id-to-stranger-advice = Ask for the copy to be deleted, check your credit report, and never send ID photos to anyone you have not met through an official process.
inventory-pattern-id-photo-on-phone-title = A photo of your ID card is kept on { $holder }
inventory-pattern-id-photo-on-phone-why = Every app with photo access can read it, and it goes with the phone if the phone is lost or repaired.
inventory-pattern-id-photo-on-phone-advice = Delete it from the gallery and the recently deleted album; if you need it, keep it in an encrypted vault with a watermark naming its purpose.
inventory-pattern-sensitive-unnecessary-title = { $holder } has sensitive details you marked as not needed
inventory-pattern-sensitive-unnecessary-why = PIPL Art. 6 limits collection to the minimum needed; unneeded sensitive details only add risk.
inventory-pattern-sensitive-unnecessary-advice = Send a deletion request (PIPL Art. 47): Vigil can write the letter for you.

inventory-letter-item = - { $kind }: { $masked } (given on { $date })
inventory-letter-gdpr-subject = Request for erasure of personal data (GDPR Article 17)
inventory-letter-gdpr-body =
    To { $holder },

    Under Article 17 of the General Data Protection Regulation, I ask you to erase without undue delay the personal data you hold about me, including:
    { $items }

    Please also tell any recipients to whom you disclosed this data (Article 19). Under Article 12(3), you must answer within one month of receiving this request, that is by { $due }. If you refuse, please state your reasons and the legal ground for keeping the data.

    Date: { $date }
inventory-letter-pipl-subject = Request to delete personal information (PIPL Art. 47)
inventory-letter-pipl-body =
    To { $holder },

    Under Article 47 of the Personal Information Protection Law of the PRC, I ask you to delete the personal information you hold about me, including:
    { $items }

    Please complete the deletion and reply within 15 working days, that is by { $due }. If you refuse, please explain the reason (PIPL Art. 50).

    Date: { $date }
inventory-reminder-pipl = { $holder } has not answered your deletion request, { $days } days past the deadline. Send a reminder; if there is still no answer, report it to the CAC illegal information reporting centre (12377.cn, telephone 12377) or the holder's sector regulator.
inventory-reminder-gdpr = { $holder } has not answered your erasure request, { $days } days past the one-month deadline. Send a reminder; if there is still no answer, you may lodge a complaint with a data protection supervisory authority (GDPR Art. 77).

inventory-event-disclosed = Gave { $kind } to { $holder }
inventory-event-status = { $kind } at { $holder }: { $status }
inventory-event-breach = { $holder } was breached
inventory-event-deletion-requested = Asked { $holder } to delete your details
inventory-event-incident = Someone quoted your details ({ $kinds })
