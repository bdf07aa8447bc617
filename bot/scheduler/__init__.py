"""The morning digest: one APScheduler job per channel at its local time, posting through the chat adapters."""
