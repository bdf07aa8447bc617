"""The Slack front end: `/briefing` and mentions on a Bolt app; it calls `bot.services` and nothing else."""
