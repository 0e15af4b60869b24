# Submission receipt (办件回执), 80 mm. One line of the receipt per line here:
#   title|big|left|center|right|bold TEXT, qr TEXT, cut, blank. {name} takes a field of the data,
#   {a.b} a nested one; |maskId and |maskName hide most of an ID number or a name. A line naming
#   a list prints once per element.
title 办件回执
blank
left 回执编号：{receiptNo}
left 办理事项：{item}
left 申请人：{applicant.name|maskName}
left 证件号码：{applicant.idNumber|maskId}
left 收取材料：
left  · {materials}
left 承诺时限：{timeLimit}
left 受理时间：{receivedAt}
blank
center 扫码查询办理进度
qr {followUpUrl}
center {followUpHint}
cut
