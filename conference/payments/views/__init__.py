"""The payment pages: the delegate's card payment and the Stripe webhook (`public.py`, blueprint `payments`),
the organiser's refund and mark-paid pages (`manage.py`, blueprint `payments_manage`)."""
