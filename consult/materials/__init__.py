"""Meeting materials (会议材料): files staff attach to a sitting or one of its topics, for invitees or for all."""
