"""Opinions (意见建议): what members and guests write on the topics of a sitting, and the staff desk."""
