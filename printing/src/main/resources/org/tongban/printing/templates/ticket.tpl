# Queue ticket (排队票), 80 mm. Same lines as receipt.tpl.
center {hall}
title {number}
center {service}
left 前面还有 {waiting} 人等候
left 取号时间：{takenAt}
blank
center 请留意叫号，过号请重新取号
cut
