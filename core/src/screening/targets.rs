//! Protected targets: official domains people are tricked into believing they visit, with the
//! brand names a message uses for them. Built-in list plus the user's own (inventory holders).

use serde::{Deserialize, Serialize};

/// An official website and the names people call its owner by ("icbc.com.cn": "工商银行", "ICBC").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ProtectedTarget {
    /// The official domain, e.g. `icbc.com.cn` or `weixin.qq.com`.
    pub domain: String,
    /// Brand names in any language; empty is fine.
    pub names: Vec<String>,
}

impl ProtectedTarget {
    pub fn new(domain: &str, names: &[&str]) -> Self {
        ProtectedTarget {
            domain: domain.to_owned(),
            names: names.iter().map(|n| (*n).to_owned()).collect(),
        }
    }
}

/// (domain, brand names). Several domains may share names: the brand owns all of them.
const BUILT_IN: &[(&str, &[&str])] = &[
    // Chinese banks.
    ("icbc.com.cn", &["工商银行", "工行", "ICBC"]),
    ("ccb.com", &["建设银行", "建行", "CCB"]),
    ("boc.cn", &["中国银行", "中行", "Bank of China"]),
    ("bankofchina.com", &["中国银行", "Bank of China"]),
    ("abchina.com", &["农业银行", "农行"]),
    ("bankcomm.com", &["交通银行", "交行", "BOCOM"]),
    ("cmbchina.com", &["招商银行", "招行"]),
    ("psbc.com", &["邮储银行", "邮政储蓄银行", "PSBC"]),
    ("spdb.com.cn", &["浦发银行", "SPDB"]),
    ("cib.com.cn", &["兴业银行"]),
    ("cmbc.com.cn", &["民生银行"]),
    ("citicbank.com", &["中信银行"]),
    ("cebbank.com", &["光大银行"]),
    ("hxb.com.cn", &["华夏银行"]),
    ("cgbchina.com.cn", &["广发银行"]),
    ("pingan.com", &["平安银行", "中国平安"]),
    ("webank.com", &["微众银行"]),
    ("mybank.cn", &["网商银行"]),
    // Payments.
    ("unionpay.com", &["银联", "云闪付", "UnionPay"]),
    ("95516.com", &["银联", "云闪付", "UnionPay"]),
    ("alipay.com", &["支付宝", "Alipay"]),
    ("tenpay.com", &["财付通", "微信支付", "WeChat Pay"]),
    ("wechat.com", &["微信", "WeChat"]),
    ("weixin.qq.com", &["微信", "WeChat", "微信支付"]),
    ("qq.com", &["腾讯", "QQ"]),
    ("paypal.com", &["PayPal"]),
    // Operators.
    ("10086.cn", &["中国移动", "China Mobile"]),
    ("chinamobile.com", &["中国移动", "China Mobile"]),
    ("chinaunicom.com", &["中国联通", "China Unicom"]),
    ("10010.com", &["中国联通", "China Unicom"]),
    ("189.cn", &["中国电信", "China Telecom"]),
    ("chinatelecom.com.cn", &["中国电信", "China Telecom"]),
    // Government.
    ("www.gov.cn", &["国务院", "中国政府网"]),
    ("12321.cn", &["12321"]),
    ("mps.gov.cn", &["公安部", "公安局"]),
    ("chinatax.gov.cn", &["税务局", "国家税务总局", "个人所得税"]),
    ("mohrss.gov.cn", &["社保局", "人社局", "人力资源和社会保障"]),
    ("12306.cn", &["12306", "铁路"]),
    ("www.gov.uk", &["GOV.UK", "HMRC", "DVLA"]),
    ("irs.gov", &["IRS"]),
    // Shopping, delivery, platforms.
    ("taobao.com", &["淘宝"]),
    ("tmall.com", &["天猫"]),
    ("jd.com", &["京东"]),
    ("pinduoduo.com", &["拼多多"]),
    ("douyin.com", &["抖音"]),
    ("kuaishou.com", &["快手"]),
    ("sf-express.com", &["顺丰"]),
    ("zto.com", &["中通"]),
    ("ems.com.cn", &["中国邮政", "EMS"]),
    ("ups.com", &["UPS"]),
    ("fedex.com", &["FedEx"]),
    ("dhl.com", &["DHL"]),
    ("dpd.co.uk", &["DPD"]),
    ("royalmail.com", &["Royal Mail"]),
    ("usps.com", &["USPS"]),
    // International.
    ("apple.com", &["Apple", "Apple ID", "iCloud", "苹果"]),
    ("icloud.com", &["iCloud"]),
    ("google.com", &["Google", "Gmail"]),
    ("microsoft.com", &["Microsoft", "Outlook", "微软"]),
    // Microsoft's own sign-in domain: without it, login.microsoftonline.com reads as combo-squatting.
    ("microsoftonline.com", &["Microsoft"]),
    ("amazon.com", &["Amazon", "亚马逊"]),
    ("amazon.co.uk", &["Amazon"]),
    ("hsbc.com", &["HSBC", "汇丰"]),
    ("hsbc.co.uk", &["HSBC"]),
    ("chase.com", &["Chase"]),
    ("netflix.com", &["Netflix"]),
    ("facebook.com", &["Facebook"]),
    ("whatsapp.com", &["WhatsApp"]),
    ("binance.com", &["Binance", "币安"]),
];

/// The built-in list, as plain targets.
pub fn built_in() -> Vec<ProtectedTarget> {
    BUILT_IN
        .iter()
        .map(|(d, n)| ProtectedTarget::new(d, n))
        .collect()
}
