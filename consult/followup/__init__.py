"""成果跟踪: the decisions (议定事项) of approved minutes followed to their end — assigned (交办) to a department with
a due date, answered (办理情况) and closed as adopted, partly adopted or not adopted — and the year's compilation
of consultation results (年度协商成果汇编)."""
