"""The fixed spoken prompts of the kiosk, by message id.

Each prompt is spoken from a recording that station staff made and approved
in the console's recording studio (segment `prompt-<id>`, `kiosk/voice.py`);
there is no synthesis. `manage.py kiosk_prompts_missing` lists what has none.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

PROMPTS: dict[str, object] = {
    "start": _("Place your ID card on the reader, or scan the code with your phone."),
    "register_confirm": _("Is this you? If yes, press the green button."),
    "register_phone": _("Type your mobile phone number with the number buttons."),
    "register_code": _("We sent a code by SMS to this phone. Type the code."),
    "register_trades": _("Choose the kinds of work you can do. Press each picture you want."),
    "register_times": _("When can you work? Choose one picture."),
    "register_pay": _("What is the lowest pay for a day of work that you accept? Choose one."),
    "register_consent": _(
        "We keep your name, ID number and phone number to find you work. Staff and employers see only "
        "what they need. You can ask to see, correct or delete your data at any station window. "
        "Press I agree to register."
    ),
    "home": _("These jobs fit you. Press Apply on the job you want."),
    "training": _("Free training courses. Press Book under the day you want to come."),
    "applied": _("You have applied. The employer or staff will call you."),
    "scan_code": _("If this ID number is registered, we sent a code to its phone. Type the code."),
    "phone_change_start": _("To change your phone, we first send a code to the phone you have now."),
    "phone_old_code": _("We sent a code to the phone you have now. Type the code."),
    "phone_change": _("Type your new mobile phone number."),
    "phone_code": _("We sent a code by SMS to your new phone. Type the code."),
    "phone_changed": _("Your phone number has been changed."),
    "my_data": _("To take a copy of your data, scan the code with your own phone. You can also delete your data here."),
    "my_data_done": _("It is done. You are signed out. Staff at the window can help you."),
    "staff_called": _("Staff have been called. Please wait here or go to the window shown."),
    "idle_warning": _("Are you still there? Touch the screen to continue."),
    "error": _("Something was not right. Please read the message or call staff."),
    "not_set_up": _("This screen is not set up as a kiosk yet. Please call staff."),
    "work": _("This is your work. Press the buttons to confirm, sign, or say if you were paid."),
    "sign": _("Read the agreement. To sign, we send a code to your phone."),
    "sign_code": _("Type the code from the SMS to sign the agreement."),
    "rate": _("How was this employer? Press one to five stars."),
    "score": _("This is your credit score and why. Press Appeal if something is wrong."),
    "appeal": _("Why is it wrong? Choose one picture. Staff will look at it."),
    "help": _("Wages not paid? Choose the employer who owes you."),
    "help_amount": _("How much do they owe you? Type the amount in yuan."),
    "help_done": _("Your complaint is registered. Go to the rights window or call the hotline."),
    "duty": _("Here you see when a lawyer or rights officer is at which window. Help is free."),
    "policy": _("Policies you can ask about. Press a title to read it, or the speaker to hear it."),
    "policy_article": _("Press the speaker to hear this. Press Ask at the window to talk to staff."),
    "policy_asked": _("Your question is sent to the window. Show this number there."),
}
