"""The Discord front end: mentions and the `/briefing` app command with discord.py; it calls `bot.services`."""
