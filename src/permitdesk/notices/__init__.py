"""E-mail: the message templates per jurisdiction and the outbox worker that sends them."""
