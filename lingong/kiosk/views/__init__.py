"""Kiosk screens (就业一体机), one module per flow; thin views over lingong.kiosk.services and selectors.

The browser is bound to its kiosk by a signed device cookie that staff set at
/kiosk/setup/ (see README.md in this app). Multi-step state lives in the
session; card data only sealed, and only until registration finishes.
"""
