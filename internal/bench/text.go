package bench

import (
	"fmt"
	"strings"
)

// The sentences businesses actually send: order updates, reminders, support
// replies and offers, in the languages of the largest WhatsApp markets. A
// long message is several of them joined, as a newsletter or a support
// answer would be.
var sentences = map[string][]string{
	"en": {
		"Hi {name}, your order #{num} has shipped and should arrive within 3 business days.",
		"Thanks for reaching out! One of our agents will get back to you shortly.",
		"Your appointment is confirmed for tomorrow at 10:30 AM. Reply CANCEL to cancel.",
		"We noticed you left something in your cart. Complete your purchase today and get free delivery.",
		"Your verification code is {num}. Do not share it with anyone.",
		"Good news: the item you asked about is back in stock at our downtown store.",
		"Your payment of ${amount} was received. Thank you for shopping with us!",
		"Please rate your experience from 1 to 5 so we can keep improving.",
		"Our support team is available Monday to Friday, 9 AM to 6 PM.",
		"The refund for order {num} has been processed and will reach your account in 5-7 days.",
		"Here is the summary you asked for, {name}. Let us know if anything looks wrong.",
		"Reminder: your subscription renews on the 1st of next month.",
	},
	"es": {
		"Hola {name}, tu pedido #{num} ya fue enviado y llegará en 3 días hábiles.",
		"¡Gracias por escribirnos! Un asesor te responderá en breve.",
		"Tu cita quedó confirmada para mañana a las 10:30. Responde CANCELAR para anularla.",
		"Tu código de verificación es {num}. No lo compartas con nadie.",
		"Recibimos tu pago de ${amount}. ¡Gracias por tu compra!",
		"Nuestro horario de atención es de lunes a viernes, de 9 a 18 h.",
	},
	"pt": {
		"Olá {name}, seu pedido #{num} foi enviado e chega em até 3 dias úteis.",
		"Obrigado pelo contato! Um atendente vai responder em instantes.",
		"Seu código de verificação é {num}. Não compartilhe com ninguém.",
		"Recebemos seu pagamento de R${amount}. Obrigado pela preferência!",
		"Sua consulta está confirmada para amanhã às 10h30.",
		"Promoção relâmpago: frete grátis em todo o site só hoje.",
	},
	"hi": {
		"नमस्ते {name}, आपका ऑर्डर #{num} भेज दिया गया है और 3 दिनों में पहुंच जाएगा।",
		"संपर्क करने के लिए धन्यवाद! हमारा प्रतिनिधि जल्द ही आपसे बात करेगा।",
		"आपका सत्यापन कोड {num} है। इसे किसी के साथ साझा न करें।",
		"₹{amount} का आपका भुगतान प्राप्त हो गया है। धन्यवाद!",
	},
	"id": {
		"Halo {name}, pesanan #{num} sudah dikirim dan tiba dalam 3 hari kerja.",
		"Terima kasih sudah menghubungi kami! Agen kami akan segera membalas.",
		"Kode verifikasi Anda adalah {num}. Jangan bagikan kepada siapa pun.",
		"Pembayaran Rp{amount} sudah kami terima. Terima kasih!",
	},
	"de": {
		"Hallo {name}, deine Bestellung #{num} ist unterwegs und kommt in 3 Werktagen an.",
		"Danke für deine Nachricht! Ein Mitarbeiter meldet sich gleich.",
		"Dein Bestätigungscode lautet {num}. Gib ihn an niemanden weiter.",
		"Wir haben deine Zahlung über {amount} € erhalten. Vielen Dank!",
	},
}

// templateLang maps the sentence languages to template language codes.
var templateLang = map[string][]string{
	"en": {"en_US", "en", "en_GB"},
	"es": {"es", "es_MX", "es_AR"},
	"pt": {"pt_BR"},
	"hi": {"hi"},
	"id": {"id"},
	"de": {"de"},
}

var firstNames = []string{"Jessica", "Priya", "Rahul", "Ana", "João", "Maria", "Budi", "Siti", "Chinedu", "Aisha",
	"Lukas", "Sofia", "Mehmet", "Thabo", "Wei", "Carlos", "Fatima", "Ravi", "Emma", "Diego"}

var lastNames = []string{"Garcia", "Sharma", "Silva", "Santoso", "Okafor", "Müller", "Rossi", "Yılmaz", "Nkosi",
	"Tan", "Hernández", "Patel", "Smith", "Costa", "Wijaya"}

var emojis = []string{"👍", "❤️", "😂", "😮", "😢", "🙏", "🎉", "🔥", "✅", "👍🏽", "🙌🏾", "😊", "🛒", "📦"}

// sentence fills one sentence of the language with plausible values for its
// {name}, {num} and {amount} slots.
func sentence(r *rng, lang string) string {
	s := pick(r, sentences[lang])
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			return s
		}
		j := i + strings.IndexByte(s[i:], '}')
		var v string
		switch s[i+1 : j] {
		case "name":
			v = pick(r, firstNames)
		case "num":
			v = r.digits(r.between(4, 8))
		default:
			v = fmt.Sprintf("%d.%02d", r.between(5, 900), r.intn(100))
		}
		s = s[:i] + v + s[j+1:]
	}
}

// message writes a text of about n bytes (never more than n) in lang: whole
// sentences, with now and then an emoji, a line break or a link.
func message(r *rng, lang string, n int) string {
	var b strings.Builder
	for b.Len() < n {
		s := sentence(r, lang)
		switch {
		case r.chance(0.08):
			s += " " + pick(r, emojis)
		case r.chance(0.06):
			s += " https://shop.example.com/o/" + r.token(8, alnum)
		}
		sep := " "
		if r.chance(0.15) {
			sep = "\n\n"
		}
		if b.Len() > 0 && b.Len()+len(sep)+len(s) > n {
			break
		}
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		if b.Len()+len(s) > n {
			s = truncate(s, n-b.Len())
		}
		b.WriteString(s)
	}
	return b.String()
}

// truncate cuts s to at most n bytes without splitting a character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

// textLength draws a message length in bytes: most messages are a sentence or
// two, some are paragraphs, a few are long newsletters near the 4096 limit.
func textLength(r *rng) int {
	switch p := r.intn(100); {
	case p < 60:
		return r.between(20, 160)
	case p < 85:
		return r.between(160, 600)
	case p < 97:
		return r.between(600, 2000)
	default:
		return r.between(2000, 4000)
	}
}

// wamid is a WhatsApp message id, as the API returns them.
func wamid(r *rng) string { return "wamid.HBgL" + r.token(r.between(44, 56), alnum) + "=" }
